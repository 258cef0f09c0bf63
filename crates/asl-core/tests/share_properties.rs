//! A share link carries any workspace exactly: every field, whatever its text.

use asl_core::api::Workspace;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_share_link_round_trips_any_workspace(
        definition in "\\PC{0,300}",
        input in any::<String>(),
        mocks in r#"[{}\[\]":, a-z0-9\n]{0,100}"#,
        test_case in any::<String>(),
        machine_type in "(STANDARD|EXPRESS|)",
        name in any::<String>(),
    ) {
        let workspace = Workspace { definition, input, mocks, test_case, machine_type, name };
        let fragment = workspace.to_fragment();
        prop_assert!(fragment.bytes().all(|b| b.is_ascii_graphic()), "{fragment}");
        prop_assert_eq!(Workspace::from_fragment(&format!("#{fragment}")), Ok(workspace.clone()));
        prop_assert_eq!(Workspace::from_fragment(&fragment), Ok(workspace));
    }

    #[test]
    fn any_fragment_is_read_or_refused_with_a_message(fragment in any::<String>()) {
        if let Err(message) = Workspace::from_fragment(&fragment) {
            prop_assert!(!message.is_empty());
        }
    }
}
