//! The modules of hooks-core and hooks-macros depend on each other one way only: no module reaches,
//! directly or through others, a module that reaches it back. Read from the sources, so a new
//! `use crate::...` that closes a circle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module name (first path segment under `src`) -> the modules it names through `crate::`.
fn dependencies(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().map(|file| module_of(src, file)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(src, file);
        if module == "lib" || module == "private" {
            continue; // the crate root and the re-export list sit on top of everything
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
        for (index, _) in code.match_indices("crate::") {
            let rest = &code[index + "crate::".len()..];
            let mut names = vec![rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default()];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names = group.split(',').map(|name| name.trim().split("::").next().unwrap_or_default()).collect();
            }
            for name in names {
                if modules.contains(name) && name != module && name != "private" {
                    graph.entry(module.clone()).or_default().insert(name.to_owned());
                }
            }
        }
    }
    graph
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// A path from `from` back to itself, if there is one.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next == from {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

fn assert_acyclic(crate_dir: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(crate_dir).join("src");
    let graph = dependencies(&src);
    assert!(graph.len() > 3, "the sources were read: {graph:?}");
    for module in graph.keys() {
        if let Some(cycle) = cycle_through(&graph, module) {
            panic!("{crate_dir}: import cycle {}\n{graph:#?}", cycle.join(" -> "));
        }
    }
}

#[test]
fn hooks_core_modules_depend_one_way() {
    assert_acyclic("hooks-core");
}

#[test]
fn hooks_macros_modules_depend_one_way() {
    assert_acyclic("hooks-macros");
}

#[test]
fn a_cycle_is_detected() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("plan".to_owned(), BTreeSet::from(["registry".to_owned()])),
        ("registry".to_owned(), BTreeSet::from(["plan".to_owned()])),
    ]
    .into();
    assert_eq!(cycle_through(&graph, "plan"), Some(vec!["plan".into(), "registry".into(), "plan".into()]));
}
