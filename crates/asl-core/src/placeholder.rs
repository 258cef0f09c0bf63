//! `${Name}` placeholders: the substitutions a SAM, CloudFormation (`DefinitionSubstitutions`,
//! `Fn::Sub`) or Terraform (`templatefile`) template makes in a definition before it is deployed.
//! A definition pasted from such a template still has them; AWS would take them literally.

use std::ops::Range;

/// One placeholder in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder<'t> {
    /// What is between `${` and `}`: `LambdaArn`, `AWS::Region`, `var.table_name`.
    pub name: &'t str,
    /// Where `${…}` is, in bytes of the text.
    pub range: Range<usize>,
}

/// The placeholders of `text`, in order. CloudFormation's escape `${!Literal}` is none.
pub fn all(text: &str) -> impl Iterator<Item = Placeholder<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = text[from..].find("${") {
            let start = from + found;
            from = start + 2;
            let rest = &text[from..];
            let len = rest.find('}')?;
            let name = &rest[..len];
            if is_name(name) {
                from += len + 1;
                return Some(Placeholder {
                    name,
                    range: start..from,
                });
            }
        }
        None
    })
}

/// What the diagnostic about `names` says: `'${A}' and '${B}' are template placeholders (…) not
/// filled in: ` and then what follows from it.
pub fn describe(names: &[&str], consequence: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'${{{n}}}'")).collect();
    let (list, are) = match quoted.as_slice() {
        [init @ .., last] if !init.is_empty() => (
            format!("{} and {last}", init.join(", ")),
            "are template placeholders",
        ),
        _ => (quoted.concat(), "is a template placeholder"),
    };
    format!(
        "{list} {are} (a SAM, CloudFormation or Terraform substitution) not filled in: {consequence}"
    )
}

/// How to fill placeholders in.
pub const HELP: &str = "Import the template (Import reads SAM and CloudFormation templates with \
    their DefinitionSubstitutions), or replace each ${Name} with the value the template's \
    DefinitionSubstitutions gives it";

/// The first placeholder of `text`, if it has one.
pub fn find(text: &str) -> Option<Placeholder<'_>> {
    all(text).next()
}

/// A template parameter, resource attribute or variable: `Name`, `AWS::Region`, `Bucket.Arn`,
/// `var.table_name`, `local.arns[0]`.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_placeholders_templates_leave() {
        let arn = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:athena:x";
        let names: Vec<&str> = all(arn).map(|p| p.name).collect();
        assert_eq!(names, ["AWS::Partition", "AWS::Region", "AWS::AccountId"]);
        assert_eq!(find("${LambdaArn}").map(|p| p.range), Some(0..12));
        assert_eq!(find("table-${var.env}").map(|p| p.name), Some("var.env"));
        for none in [
            "$.a",
            "${!Literal}",
            "${}",
            "${ spaced }",
            "${unclosed",
            "{% $x %}",
        ] {
            assert_eq!(find(none), None, "{none}");
        }
    }
}
