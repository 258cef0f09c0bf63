//! The tables of AWS output shapes embedded in the command (see `build.rs`): TestState checks an
//! AWS SDK Task's mocked result against its service's table without a file or the network.

use asl_core::test_state::ServiceShapes;

/// Each service's table, deflated.
static TABLES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/aws_shapes.rs"));

/// The table of a service (`s3`), when the command has it.
pub(crate) fn table(service: &str) -> Option<Result<ServiceShapes, String>> {
    let (_, deflated) = TABLES.iter().find(|(name, _)| *name == service)?;
    Some(read(deflated))
}

fn read(deflated: &[u8]) -> Result<ServiceShapes, String> {
    let bytes = miniz_oxide::inflate::decompress_to_vec(deflated)
        .map_err(|e| format!("the embedded table does not inflate: {e:?}"))?;
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    ServiceShapes::parse(&text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_table_reads() {
        assert!(TABLES.len() > 300, "{} tables", TABLES.len());
        for (service, deflated) in TABLES {
            let table = read(deflated).unwrap_or_else(|e| panic!("{service}: {e}"));
            assert_eq!(table.service(), *service);
        }
        assert!(table("s3").is_some());
        assert!(table("robomaker").is_none());
    }
}
