//! A Distributed Map's ItemReader, reading the simulated S3 objects the user supplies:
//! `s3:getObject` (JSON, JSONL or CSV) and `s3:listObjectsV2`.

use super::map_items::{count, raw_count, raw_template};
use crate::exec::dataflow::Env;
use crate::exec::error::{StatesError, names};
use crate::path::Roots;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

fn failed(cause: impl Into<String>) -> StatesError {
    StatesError::new(names::ITEM_READER_FAILED, cause)
}

/// The items an ItemReader gives, from `objects` (by `bucket/key`).
pub(super) fn read(
    reader: &Value,
    effective: &Value,
    env: &mut Env<'_>,
    objects: &BTreeMap<String, String>,
) -> Result<Vec<Value>, StatesError> {
    let parameters =
        raw_template(reader, "Parameters", "ItemReader", effective, env)?.unwrap_or_default();
    let text = |key: &str| {
        parameters
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let config = reader.get("ReaderConfig").cloned().unwrap_or(Value::Null);
    let roots = env.roots(effective);
    let max_items = max_items(&config, roots)?;
    let resource = reader
        .get("Resource")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut items = if resource.ends_with(":s3:listObjectsV2") {
        list_objects(text("Bucket"), text("Prefix"), objects)
    } else {
        let (bucket, key) = (text("Bucket"), text("Key"));
        let Some(body) = objects.get(&format!("{bucket}/{key}")) else {
            return Err(failed(format!(
                "The S3 object s3://{bucket}/{key} is not among the simulated objects: give its content to the run."
            )));
        };
        match config
            .get("InputType")
            .and_then(Value::as_str)
            .unwrap_or("JSON")
        {
            "CSV" => csv(body, &config)?,
            "JSONL" => body
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| {
                    serde_json::from_str(line)
                        .map_err(|e| failed(format!("The JSONL line is not JSON: {e}")))
                })
                .collect::<Result<_, _>>()?,
            _ => match serde_json::from_str::<Value>(body) {
                Ok(Value::Array(items)) => items,
                Ok(_) => return Err(failed("Attempting to map over non-iterable node.")),
                Err(e) => return Err(failed(format!("The object is not JSON: {e}"))),
            },
        }
    };
    if let Some(max) = max_items {
        items.truncate(max);
    }
    Ok(items)
}

/// `MaxItems` / `MaxItemsPath`: 0 means no limit; a negative number fails.
fn max_items(config: &Value, roots: Roots<'_>) -> Result<Option<usize>, StatesError> {
    let field = raw_count(config, "MaxItems");
    match count(field.as_ref(), "MaxItems", true, roots)? {
        Some(n) if n < 0.0 => Err(failed("field MaxItems must be positive")),
        Some(n) if n >= 1.0 => Ok(Some(n as usize)),
        _ => Ok(None),
    }
}

/// `s3:listObjectsV2`: one item per object under the prefix.
fn list_objects(bucket: &str, prefix: &str, objects: &BTreeMap<String, String>) -> Vec<Value> {
    let start = format!("{bucket}/");
    objects
        .iter()
        .filter_map(|(path, body)| {
            let key = path.strip_prefix(&start)?;
            key.starts_with(prefix).then(|| {
                json!({
                    "Etag": format!("\"{:032x}\"", fnv(body)),
                    "Key": key,
                    "LastModified": "2024-01-01T00:00:00.000Z",
                    "Size": body.len(),
                    "StorageClass": "STANDARD"
                })
            })
        })
        .collect()
}

/// A stable stand-in for an object's ETag.
fn fnv(text: &str) -> u128 {
    text.bytes()
        .fold(0x6c62_272e_07bb_0142_62b8_2175_6295_c58d, |h, b| {
            (h ^ u128::from(b)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b)
        })
}

/// CSV rows as objects keyed by the headers (the first row, or the given ones). Missing fields
/// are `""`, extra ones are dropped.
fn csv(body: &str, config: &Value) -> Result<Vec<Value>, StatesError> {
    let delimiter = match config.get("CSVDelimiter").and_then(Value::as_str) {
        Some("PIPE") => '|',
        Some("SEMICOLON") => ';',
        Some("SPACE") => ' ',
        Some("TAB") => '\t',
        _ => ',',
    };
    let mut rows = records(body, delimiter).into_iter();
    let headers: Vec<String> = match config.get("CSVHeaderLocation").and_then(Value::as_str) {
        Some("GIVEN") => config
            .get("CSVHeaders")
            .and_then(Value::as_array)
            .map(|h| {
                h.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        _ => rows.next().unwrap_or_default(),
    };
    let mut seen = std::collections::BTreeSet::new();
    if !headers.iter().all(|h| seen.insert(h)) {
        return Err(failed("CSV headers cannot contain duplicates."));
    }
    Ok(rows
        .map(|fields| {
            let mut item = Map::new();
            for (i, header) in headers.iter().enumerate() {
                let field = fields.get(i).cloned().unwrap_or_default();
                item.insert(header.clone(), Value::String(field));
            }
            Value::Object(item)
        })
        .collect())
}

/// The records of a CSV text: fields split on `delimiter`, `"…"` quoting with `""` escapes.
fn records(body: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
                any = false;
            }
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if any {
        fields.push(field);
        records.push(fields);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_follow_the_headers() {
        let body = "Col1,Col2,Col3\nValue1,Value2,Value3\n,,,\nNull,None,\n   \n\"a,b\",\"say \"\"hi\"\"\",x\n";
        let rows = csv(body, &json!({"CSVHeaderLocation": "FIRST_ROW"})).unwrap();
        assert_eq!(
            rows,
            [
                json!({"Col1": "Value1", "Col2": "Value2", "Col3": "Value3"}),
                json!({"Col1": "", "Col2": "", "Col3": ""}),
                json!({"Col1": "Null", "Col2": "None", "Col3": ""}),
                json!({"Col1": "   ", "Col2": "", "Col3": ""}),
                json!({"Col1": "a,b", "Col2": "say \"hi\"", "Col3": "x"}),
            ]
        );
        let given = json!({"CSVHeaderLocation": "GIVEN", "CSVHeaders": ["H1", "H1"]});
        assert_eq!(
            csv("a,b\n", &given).unwrap_err().cause.as_deref(),
            Some("CSV headers cannot contain duplicates.")
        );
        let pipes = csv("A|B\n1|2", &json!({"CSVDelimiter": "PIPE"})).unwrap();
        assert_eq!(pipes, [json!({"A": "1", "B": "2"})]);
    }
}
