//! MockConfigFile reading: any JSON is a configuration or refused with a message, and every test
//! case it names can be looked up.
#![no_main]

use asl_core::exec::mock::MockConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    match MockConfig::from_json(&value) {
        Ok(config) => {
            let machines: Vec<String> = config.machine_names().map(str::to_string).collect();
            for machine in machines {
                let cases: Vec<String> = config
                    .test_case_names(&machine)
                    .map(str::to_string)
                    .collect();
                for case in cases {
                    let _ = config.test_case(&machine, &case);
                }
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
