//! Share-link decoding: any fragment is a workspace (which encodes back to itself) or refused
//! with a message.
#![no_main]

use asl_core::api::Workspace;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    match Workspace::from_fragment(fragment) {
        Ok(workspace) => {
            let again = Workspace::from_fragment(&workspace.to_fragment());
            assert_eq!(again.as_ref(), Ok(&workspace));
        }
        Err(message) => assert!(!message.is_empty()),
    }
});
