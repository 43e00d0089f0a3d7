import { expect, signIn, test } from '../fixtures';
import { expectFieldErrorId } from '../pages/field';
import { msg } from '../pages/i18n';

test('the profile is edited from the account page: one name, a language to choose', async ({
  page,
  accountPage,
  profilePage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.editProfile.click();
  await profilePage.expectShown();
  await expect(profilePage.fullName).toHaveAttribute('autocomplete', 'name');
  // One name field: not "full name" beside "first" and "last" name.
  await expect(page.getByRole('textbox')).toHaveCount(2);
  await expect(profilePage.language).toHaveAttribute('autocomplete', 'language');
  await expect(profilePage.company).toHaveAttribute('name', 'attributes[custom:company]');
  // The languages are offered each in its own name, "not set" first.
  await expect(profilePage.language.getByRole('option')).toHaveText([
    msg('profile.locale_none'),
    'English',
    'Español',
    'Français',
    'Deutsch',
    'Português (Brasil)',
    '日本語',
    '简体中文',
    'العربية',
  ]);

  // A value too long is that field's error; what was typed is kept.
  await profilePage.fullName.fill('Ada Lovelace');
  await profilePage.company.fill('x'.repeat(300));
  await profilePage.save.click();
  await profilePage.expectShown();
  await expectFieldErrorId(page, 'custom:company', 'attribute.too_long');
  await expect(profilePage.fullName).toHaveValue('Ada Lovelace');

  await profilePage.language.selectOption('pt-BR');
  await profilePage.company.fill('Analytical Engines');
  await profilePage.save.click();

  await accountPage.expectShown();
  await accountPage.messages.expectInfo('profile.saved');
  const main = page.getByRole('main');
  await expect(main.getByText('Ada Lovelace', { exact: true })).toBeVisible();
  await expect(main.getByText('pt-BR', { exact: true })).toBeVisible();

  // The form opens with the saved values.
  await accountPage.editProfile.click();
  await profilePage.expectShown();
  await expect(profilePage.fullName).toHaveValue('Ada Lovelace');
  await expect(profilePage.language).toHaveValue('pt-BR');
  await expect(profilePage.company).toHaveValue('Analytical Engines');

  // An emptied field is removed from the account.
  await profilePage.fullName.fill('');
  await profilePage.save.click();
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('profile.saved');
  await expect(main.getByText('Ada Lovelace', { exact: true })).toHaveCount(0);
});
