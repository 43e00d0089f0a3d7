import { readFileSync } from 'node:fs';
import path from 'node:path';

// The page objects find controls by their label and role in the language
// the test's browser asks for (`locale` in the Playwright project, sent as
// Accept-Language), reading the same Fluent catalogs the app renders from.
// Only what the page objects use is supported: single-line messages with
// `{ $name }` variables.

const LOCALES = path.resolve(__dirname, '..', '..', 'src', 'i18n', 'locales');
const RTL = new Set(['ar']);
const catalogs = new Map<string, Map<string, string>>();

function catalog(lang: string): Map<string, string> {
  let messages = catalogs.get(lang);
  if (!messages) {
    messages = new Map();
    const text = readFileSync(path.join(LOCALES, lang, 'main.ftl'), 'utf8');
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line.startsWith(' ')) continue;
      const at = line.indexOf(' = ');
      if (at > 0) messages.set(line.slice(0, at).trim(), line.slice(at + 3).trim());
    }
    catalogs.set(lang, messages);
  }
  return messages;
}

/** The shipped language a browser locale gets (what the app negotiates for the usual cases). */
export function shippedLanguage(locale: string | undefined): string {
  const tag = (locale ?? 'en').toLowerCase();
  if (tag.startsWith('pt')) return 'pt-BR';
  if (tag.startsWith('zh')) return 'zh-CN';
  const base = tag.split('-')[0];
  return ['en', 'es', 'fr', 'de', 'ja', 'ar'].includes(base) ? base : 'en';
}

let current = 'en';

/** Sets the language of the test about to run (the fixtures do, from the project's locale). */
export function setLanguage(lang: string): void {
  current = lang;
}

export function language(): string {
  return current;
}

/**
 * The text of message `id` (`sign_in.title`) in the current language, as the
 * page shows it: values in a right-to-left sentence are wrapped in bidi
 * isolation marks, as Fluent does.
 */
export function msg(id: string, args: Record<string, string> = {}): string {
  const fluentId = id.replaceAll('.', '-');
  const text = catalog(current).get(fluentId) ?? catalog('en').get(fluentId);
  if (text === undefined) throw new Error(`no message ${id}`);
  const isolate = RTL.has(current);
  return text.replace(/\{ \$(\w+) \}/g, (_, name: string) => {
    const value = args[name] ?? '';
    return isolate ? `\u2068${value}\u2069` : value;
  });
}
