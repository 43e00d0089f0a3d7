//! The architecture, checked: the module graph of the app (`src/`) and of
//! the local pool (`local-pool/src/`) read from the source with `syn`, and
//! the rules of docs/architecture.md asserted on it.
//!
//! A module is a file. An edge A → B exists when A names B in a `use` or
//! in a qualified path (`crate::…`, `super::…`, `self::…`, also inside
//! macros such as `view!`); `mod b;` alone is not an edge. Code under
//! `#[cfg(test)]` is left out: tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// A module by its path from the crate root (`["flows", "sign_in"]`).
type ModPath = Vec<String>;

struct Crate {
    /// Every module and its file.
    files: BTreeMap<ModPath, PathBuf>,
    /// Who names whom.
    edges: BTreeMap<ModPath, BTreeSet<ModPath>>,
    /// Every string literal outside tests, by module.
    literals: BTreeMap<ModPath, Vec<String>>,
    /// Every identifier outside tests, by module.
    idents: BTreeMap<ModPath, BTreeSet<String>>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads the crate whose root is `src/lib.rs` under `dir`.
fn read_crate(dir: &Path) -> Crate {
    let src = dir.join("src");
    let mut files = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).expect("a source directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&src).expect("under src");
                let mut parts: Vec<String> = relative
                    .with_extension("")
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                // lib.rs is the root; main.rs is another crate (the binary).
                if parts == ["main"] {
                    continue;
                }
                if parts == ["lib"] || parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                files.insert(parts, path);
            }
        }
    }
    let mut krate = Crate {
        files,
        edges: BTreeMap::new(),
        literals: BTreeMap::new(),
        idents: BTreeMap::new(),
    };
    let modules: Vec<(ModPath, PathBuf)> = krate
        .files
        .iter()
        .map(|(m, f)| (m.clone(), f.clone()))
        .collect();
    for (module, file) in modules {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let syntax = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let mut reader = Reader {
            module: module.clone(),
            paths: Vec::new(),
            literals: Vec::new(),
            idents: BTreeSet::new(),
        };
        reader.visit_file(&syntax);
        let targets = reader
            .paths
            .iter()
            .map(|p| krate.resolve(p))
            .filter(|target| *target != module)
            .collect();
        krate.edges.insert(module.clone(), targets);
        krate.literals.insert(module.clone(), reader.literals);
        krate.idents.insert(module, reader.idents);
    }
    krate
}

impl Crate {
    /// The deepest module an absolute path names.
    fn resolve(&self, path: &[String]) -> ModPath {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|prefix| self.files.contains_key(prefix))
            .unwrap_or_default()
    }

    /// A module's file, relative to the workspace.
    fn display(&self, module: &ModPath) -> String {
        self.files
            .get(module)
            .map(|f| {
                f.strip_prefix(manifest_dir())
                    .unwrap_or(f)
                    .display()
                    .to_string()
            })
            .unwrap_or_else(|| module.join("::"))
    }

    /// Every cycle's members, as strongly connected components of more
    /// than one module (Tarjan's algorithm).
    fn cycles(&self) -> Vec<Vec<ModPath>> {
        struct State<'a> {
            krate: &'a Crate,
            index: BTreeMap<&'a ModPath, usize>,
            low: BTreeMap<&'a ModPath, usize>,
            stack: Vec<&'a ModPath>,
            on_stack: BTreeSet<&'a ModPath>,
            next: usize,
            found: Vec<Vec<ModPath>>,
        }
        fn connect<'a>(s: &mut State<'a>, v: &'a ModPath) {
            s.index.insert(v, s.next);
            s.low.insert(v, s.next);
            s.next += 1;
            s.stack.push(v);
            s.on_stack.insert(v);
            let krate = s.krate;
            for w in krate.edges.get(v).into_iter().flatten() {
                if !s.index.contains_key(w) {
                    connect(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
            if s.low[v] == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack.remove(w);
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    s.found.push(component);
                }
            }
        }
        let mut state = State {
            krate: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            found: Vec::new(),
        };
        for module in self.files.keys() {
            if !state.index.contains_key(module) {
                connect(&mut state, module);
            }
        }
        state.found
    }

    /// Edges from modules under `from` to modules under any of `to`.
    fn edges_between(&self, from: &str, to: &[&str]) -> Vec<String> {
        let under = |m: &ModPath, top: &str| m.first().is_some_and(|f| f == top);
        self.edges
            .iter()
            .filter(|(m, _)| under(m, from))
            .flat_map(|(m, targets)| {
                targets
                    .iter()
                    .filter(|t| to.iter().any(|top| under(t, top)))
                    .map(move |t| format!("{} → {}", self.display(m), self.display(t)))
            })
            .collect()
    }
}

/// Collects the crate paths, literals and identifiers of one file.
struct Reader {
    module: ModPath,
    paths: Vec<Vec<String>>,
    literals: Vec<String>,
    idents: BTreeSet<String>,
}

impl Reader {
    /// Makes `segments` (starting `crate`, `super` or `self`) absolute;
    /// `None` for paths into other crates.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.clone(),
            "super" => {
                let mut parent = self.module.clone();
                parent.pop();
                parent
            }
            _ => return None,
        };
        let mut rest = rest;
        while let Some((next, tail)) = rest.split_first() {
            if next != "super" {
                break;
            }
            base.pop();
            rest = tail;
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn add(&mut self, segments: &[String]) {
        if let Some(path) = self.absolute(segments) {
            self.paths.push(path);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.add(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.add(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.add(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    /// Paths, literals and identifiers inside a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        self.literals.push(s.value());
                    }
                }
                TokenTree::Ident(id) => {
                    let name = id.to_string();
                    self.idents.insert(name.clone());
                    if matches!(name.as_str(), "crate" | "super" | "self") {
                        let mut segments = vec![name];
                        let mut j = i + 1;
                        loop {
                            let colons = matches!(
                                (&tokens.get(j), &tokens.get(j + 1)),
                                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                                    if a.as_char() == ':' && b.as_char() == ':'
                            );
                            match (colons, tokens.get(j + 2)) {
                                (true, Some(TokenTree::Ident(next))) => {
                                    segments.push(next.to_string());
                                    j += 3;
                                }
                                _ => break,
                            }
                        }
                        if segments.len() > 1 {
                            self.add(&segments);
                        }
                        i = j;
                        continue;
                    }
                }
                TokenTree::Punct(_) => {}
            }
            i += 1;
        }
    }
}

/// Whether the item is compiled only for tests (`#[cfg(test)]`).
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, syn::Meta::List(list) if list.tokens.to_string().contains("test"))
    })
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
        if !is_cfg_test(&node.attrs) {
            syn::visit::visit_item_mod(self, node);
        }
    }

    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        if !is_cfg_test(&node.attrs) {
            syn::visit::visit_item_fn(self, node);
        }
    }

    fn visit_impl_item_fn(&mut self, node: &'ast syn::ImplItemFn) {
        if !is_cfg_test(&node.attrs) {
            syn::visit::visit_impl_item_fn(self, node);
        }
    }

    fn visit_item_use(&mut self, node: &'ast syn::ItemUse) {
        if !is_cfg_test(&node.attrs) {
            self.use_tree(&mut Vec::new(), &node.tree);
            syn::visit::visit_item_use(self, node);
        }
    }

    fn visit_path(&mut self, node: &'ast syn::Path) {
        let segments: Vec<String> = node.segments.iter().map(|s| s.ident.to_string()).collect();
        self.add(&segments);
        syn::visit::visit_path(self, node);
    }

    fn visit_ident(&mut self, node: &'ast proc_macro2::Ident) {
        self.idents.insert(node.to_string());
    }

    fn visit_lit_str(&mut self, node: &'ast syn::LitStr) {
        self.literals.push(node.value());
    }

    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        self.tokens(node.tokens.clone());
        syn::visit::visit_macro(self, node);
    }

    fn visit_attribute(&mut self, node: &'ast syn::Attribute) {
        // Doc comments are attributes; their text is prose, not code.
        if !node.path().is_ident("doc") {
            syn::visit::visit_attribute(self, node);
        }
    }
}

fn app() -> Crate {
    read_crate(&manifest_dir())
}

fn describe_cycles(krate: &Crate) -> Vec<String> {
    krate
        .cycles()
        .iter()
        .map(|cycle| {
            cycle
                .iter()
                .map(|m| krate.display(m))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect()
}

#[test]
fn the_apps_modules_import_each_other_without_cycles() {
    let krate = app();
    assert!(krate.files.len() > 30, "the app's modules were found");
    let cycles = describe_cycles(&krate);
    assert!(cycles.is_empty(), "import cycles in src/: {cycles:#?}");
}

#[test]
fn the_local_pools_modules_import_each_other_without_cycles() {
    let krate = read_crate(&manifest_dir().join("local-pool"));
    assert!(
        krate.files.len() > 15,
        "the local pool's modules were found"
    );
    let cycles = describe_cycles(&krate);
    assert!(
        cycles.is_empty(),
        "import cycles in local-pool/src/: {cycles:#?}"
    );
}

#[test]
fn only_the_cognito_module_names_the_aws_sdk() {
    let krate = app();
    let outside: Vec<String> = krate
        .idents
        .iter()
        .filter(|(m, idents)| {
            m.first().is_none_or(|top| top != "cognito")
                && (idents.contains("aws_sdk_cognitoidentityprovider")
                    || idents.contains("aws_sdk_cognitoidentity"))
        })
        .map(|(m, _)| krate.display(m))
        .collect();
    assert!(
        outside.is_empty(),
        "the SDK is named outside src/cognito/: {outside:?}"
    );
    assert!(
        krate.idents[&vec!["cognito".to_owned(), "gateway".to_owned()]]
            .contains("aws_sdk_cognitoidentityprovider"),
        "the check sees the SDK where it is used"
    );
    assert!(
        krate.idents[&vec!["cognito".to_owned(), "identity".to_owned()]]
            .contains("aws_sdk_cognitoidentity"),
        "the check sees the identity pool SDK where it is used"
    );
}

#[test]
fn imports_run_one_way_from_pages_down_to_session_cognito_and_domain() {
    let krate = app();
    let mut wrong = Vec::new();
    // Each layer and what it must not import.
    let rules: &[(&str, &[&str])] = &[
        (
            "session",
            &[
                "flows", "pages", "app", "startup", "cognito", "state", "handoff",
            ],
        ),
        (
            "cognito",
            &[
                "session", "flows", "pages", "app", "startup", "state", "handoff",
            ],
        ),
        ("flows", &["pages", "app", "startup", "handoff"]),
        // What the product gets sits on the flows, beside the pages.
        ("handoff", &["pages", "app", "startup"]),
        (
            "domain",
            &[
                "session", "cognito", "flows", "pages", "app", "startup", "state", "routes",
                "handoff",
            ],
        ),
        (
            "routes",
            &[
                "session", "cognito", "flows", "pages", "app", "startup", "state", "handoff",
            ],
        ),
    ];
    for (from, to) in rules {
        wrong.extend(krate.edges_between(from, to));
    }
    assert!(
        wrong.is_empty(),
        "imports against the direction: {wrong:#?}"
    );
    assert!(
        !krate.edges_between("pages", &["flows"]).is_empty(),
        "the check sees pages importing flows"
    );
}

#[test]
fn page_paths_are_written_only_in_the_route_table() {
    let krate = app();
    let paths: Vec<&str> = threshold::routes::Page::ALL
        .iter()
        .map(|p| p.path())
        .filter(|p| *p != "/")
        .collect();
    let mut found = Vec::new();
    for (module, literals) in &krate.literals {
        if module == &vec!["routes".to_owned()] {
            continue;
        }
        for literal in literals {
            let names_a_page = paths.iter().any(|p| {
                literal == p
                    || literal
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with('?') || rest.starts_with('#'))
            });
            if names_a_page {
                found.push(format!("{}: {literal:?}", krate.display(module)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "page paths outside src/routes.rs: {found:#?}"
    );
    assert!(
        krate.literals[&vec!["routes".to_owned()]]
            .iter()
            .any(|l| l == "/sign-in"),
        "the check reads the route table's literals"
    );
}
