//! Workflow variables during a run. Each `States` block run is a scope: the top level, every
//! Parallel branch, every Map iteration. Inner scopes read outer variables; what they assign
//! stays theirs and disappears when they end (a Distributed Map's iterations see nothing
//! outside).

use crate::path::Variables;
use serde_json::{Map, Value};

/// A scope's index.
pub(super) type ScopeId = usize;

#[derive(Debug)]
struct Scope {
    parent: Option<ScopeId>,
    variables: Map<String, Value>,
}

/// Every scope of a run.
#[derive(Debug, Default)]
pub(super) struct Scopes {
    scopes: Vec<Scope>,
    /// Scopes that ended, ready to be reused.
    free: Vec<ScopeId>,
}

impl Scopes {
    /// A new scope inside `parent` (or a root scope).
    pub(super) fn open(&mut self, parent: Option<ScopeId>) -> ScopeId {
        let scope = Scope {
            parent,
            variables: Map::new(),
        };
        match self.free.pop() {
            Some(id) => {
                self.scopes[id] = scope;
                id
            }
            None => {
                self.scopes.push(scope);
                self.scopes.len() - 1
            }
        }
    }

    /// The scope ended: its variables are gone.
    pub(super) fn close(&mut self, id: ScopeId) {
        self.scopes[id].variables = Map::new();
        self.free.push(id);
    }

    /// Store what a state assigned.
    pub(super) fn assign(&mut self, id: ScopeId, values: Map<String, Value>) {
        self.scopes[id].variables.extend(values);
    }

    /// What paths in scope `id` see.
    pub(super) fn view(&self, id: ScopeId) -> View<'_> {
        View { scopes: self, id }
    }
}

/// The variables visible from one scope.
#[derive(Clone, Copy, Debug)]
pub(super) struct View<'s> {
    scopes: &'s Scopes,
    id: ScopeId,
}

impl Variables for View<'_> {
    fn variable(&self, name: &str) -> Option<&Value> {
        let mut id = Some(self.id);
        while let Some(current) = id {
            let scope = &self.scopes.scopes[current];
            if let Some(value) = scope.variables.get(name) {
                return Some(value);
            }
            id = scope.parent;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inner_scopes_read_outer_variables_and_keep_their_own() {
        let mut scopes = Scopes::default();
        let root = scopes.open(None);
        scopes.assign(root, [("x".to_string(), json!(1))].into_iter().collect());
        let branch = scopes.open(Some(root));
        scopes.assign(branch, [("y".to_string(), json!(2))].into_iter().collect());
        assert_eq!(scopes.view(branch).variable("x"), Some(&json!(1)));
        assert_eq!(scopes.view(branch).variable("y"), Some(&json!(2)));
        assert_eq!(scopes.view(root).variable("y"), None);
        scopes.close(branch);
        let isolated = scopes.open(None);
        assert_eq!(isolated, branch, "a closed scope is reused");
        assert_eq!(scopes.view(isolated).variable("x"), None);
        assert_eq!(scopes.view(isolated).variable("y"), None);
    }
}
