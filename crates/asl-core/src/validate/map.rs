//! Map states: the processor, items, concurrency, tolerated failures, and the Distributed Map's
//! ItemReader, ItemBatcher and ResultWriter.

use super::fields::{FieldSpec, Lang, QueryLanguage};
use super::graph::StateNode;
use super::machine::BlockKind;
use super::state::{Ctx, Scope};
use super::values::PathRule;
use super::{Checker, is_jsonata, messages};
use crate::diag::{Code, Diagnostic};
use crate::json::Member;
use crate::json::pointer::Pointer;

/// The longest Map `Label`, in characters.
const MAX_LABEL: usize = 40;

const READER: [FieldSpec; 4] = [
    ("Resource", Lang::Any),
    ("ReaderConfig", Lang::Any),
    ("Parameters", Lang::JsonPath),
    ("Arguments", Lang::Jsonata),
];
const READER_CONFIG: [FieldSpec; 9] = [
    ("InputType", Lang::Any),
    ("CSVHeaderLocation", Lang::Any),
    ("CSVHeaders", Lang::Any),
    ("CSVDelimiter", Lang::Any),
    ("MaxItems", Lang::Any),
    ("MaxItemsPath", Lang::JsonPath),
    ("ItemsPointer", Lang::Any),
    ("Transformation", Lang::Any),
    ("ManifestType", Lang::Any),
];
const BATCHER: [FieldSpec; 5] = [
    ("MaxItemsPerBatch", Lang::Any),
    ("MaxItemsPerBatchPath", Lang::JsonPath),
    ("MaxInputBytesPerBatch", Lang::Any),
    ("MaxInputBytesPerBatchPath", Lang::JsonPath),
    ("BatchInput", Lang::Any),
];
const WRITER: [FieldSpec; 4] = [
    ("Resource", Lang::Any),
    ("Parameters", Lang::JsonPath),
    ("Arguments", Lang::Jsonata),
    ("WriterConfig", Lang::Any),
];
const WRITER_CONFIG: [FieldSpec; 2] = [("Transformation", Lang::Any), ("OutputType", Lang::Any)];

impl<'a> Checker<'a> {
    pub(super) fn map(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let (object, at) = (ctx.object, ctx.at);
        let processors = ["ItemProcessor", "Iterator"];
        if self.at_most_one(object, &processors, at) == 0 {
            self.schema(
                "missing-processor",
                messages::exactly_one_of(&processors),
                at,
                ctx.head,
            );
        }
        for field in processors {
            if let Some(m) = object.member(field) {
                let scope = Scope {
                    lang: self.machine_language,
                    ..ctx.scope
                };
                self.nested_block(&m.value, at.key(field), BlockKind::Processor, scope);
            }
        }
        self.at_most_one(object, &["ItemSelector", "Parameters"], at);
        match ctx.lang {
            QueryLanguage::JsonPath => {
                if let Some(m) = object.member("ItemsPath") {
                    self.path_field(m, &at.key("ItemsPath"), PathRule::ItemsPath);
                }
                if let Some(m) = object.member("ItemSelector") {
                    self.template(m, &at.key("ItemSelector"));
                }
            }
            QueryLanguage::Jsonata => {
                if let Some(m) = object.member("Items")
                    && !(m.value.as_array().is_some() || m.value.as_str().is_some_and(is_jsonata))
                {
                    self.schema(
                        "wrong-type",
                        messages::wrong_type("Array"),
                        &at.key("Items"),
                        m.value.span,
                    );
                }
            }
        }
        self.result_fields(ctx, "Parameters");
        self.bounded(ctx, "MaxConcurrency", Bound::Integer(0));
        self.bounded(ctx, "ToleratedFailureCount", Bound::Integer(0));
        self.bounded(ctx, "ToleratedFailurePercentage", Bound::Percentage);
        if let Some(m) = object.member("Label") {
            self.label(m, &at.key("Label"));
        }
        if let Some(m) = object.member("ItemReader") {
            self.item_reader(m, &at.key("ItemReader"), ctx.lang);
        }
        if let Some(m) = object.member("ItemBatcher") {
            self.item_batcher(m, &at.key("ItemBatcher"), ctx.lang);
        }
        if let Some(m) = object.member("ResultWriter") {
            self.result_writer(m, &at.key("ResultWriter"), ctx.lang);
        }
        self.handlers(ctx, node);
    }

    /// A numeric field and its `…Path` twin: only one of them.
    fn bounded(&mut self, ctx: &Ctx<'a, '_>, field: &str, bound: Bound) {
        let path_field = format!("{field}Path");
        self.at_most_one(ctx.object, &[field, &path_field], ctx.at);
        if let Some(m) = ctx
            .object
            .member(&path_field)
            .filter(|_| ctx.lang == QueryLanguage::JsonPath)
        {
            self.path_field(m, &ctx.at.key(&path_field), PathRule::Numeric);
        }
        if let Some(m) = ctx.object.member(field) {
            let at = ctx.at.key(field);
            match bound {
                Bound::Integer(min) => {
                    self.integer(m, &at, (min, i64::from(i32::MAX)), ctx.lang);
                }
                Bound::Percentage => {
                    self.number(m, &at, ((0.0, "0.0"), (100.0, "100.0")), ctx.lang);
                }
            }
        }
    }

    fn label(&mut self, member: &'a Member, at: &Pointer) {
        let Some(label) = self.string(member, at) else {
            return;
        };
        if label.chars().count() > MAX_LABEL {
            self.push(
                Diagnostic::error(
                    Code::InvalidLabelName,
                    "label-too-long",
                    messages::label_too_long(label),
                )
                .at(at.as_str())
                .span(member.value.span),
            );
        }
    }

    /// The Resource of an ItemReader or ResultWriter: one of the S3 calls they support.
    fn s3_resource(&mut self, object: &'a crate::json::Object, at: &Pointer, apis: &[&str]) {
        let Some(m) = object.member("Resource") else {
            return;
        };
        let at = at.key("Resource");
        let Some(text) = self.string(m, &at) else {
            return;
        };
        let known = matches!(
            crate::resource::Resource::parse(text),
            Some(crate::resource::Resource::Integration(crate::resource::Integration {
                resource_type: "s3",
                api,
                pattern: crate::resource::Pattern::RequestResponse,
                ..
            })) if apis.contains(&api)
        );
        if !known {
            self.schema(
                "unknown-resource",
                messages::resource_not_recognized(text),
                &at,
                m.value.span,
            );
        }
    }

    fn reader_or_writer_arguments(
        &mut self,
        object: &'a crate::json::Object,
        at: &Pointer,
        lang: QueryLanguage,
    ) {
        match lang {
            QueryLanguage::JsonPath => {
                if let Some(m) = object.member("Parameters") {
                    self.template(m, &at.key("Parameters"));
                }
            }
            QueryLanguage::Jsonata => {
                if let Some(m) = object.member("Arguments") {
                    self.object_or_expression(m, &at.key("Arguments"));
                }
            }
        }
    }

    fn item_reader(&mut self, member: &'a Member, at: &Pointer, lang: QueryLanguage) {
        let Some(object) = self.object(member, at) else {
            return;
        };
        self.check_fields(object, at, &READER, lang);
        self.require(object, &["Resource"], at, member.key.span);
        self.s3_resource(object, at, &["getObject", "listObjectsV2"]);
        self.reader_or_writer_arguments(object, at, lang);
        let Some(config) = object.member("ReaderConfig") else {
            return;
        };
        let at = at.key("ReaderConfig");
        let Some(config_object) = self.object(config, &at) else {
            return;
        };
        self.check_fields(config_object, &at, &READER_CONFIG, lang);
        let enums: [(&str, &[&str]); 5] = [
            (
                "InputType",
                &["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"],
            ),
            ("CSVHeaderLocation", &["FIRST_ROW", "GIVEN"]),
            (
                "CSVDelimiter",
                &["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"],
            ),
            ("Transformation", &["NONE", "LOAD_AND_FLATTEN"]),
            ("ManifestType", &["ATHENA_DATA", "S3_INVENTORY"]),
        ];
        for (field, values) in enums {
            if let Some(m) = config_object.member(field) {
                self.enumeration(m, &at.key(field), values);
            }
        }
        if let Some(m) = config_object.member("CSVHeaders")
            && let Some(headers) = self.array(m, &at.key("CSVHeaders"))
        {
            for (i, header) in headers.iter().enumerate() {
                if header.as_str().is_none() {
                    self.schema(
                        "wrong-type",
                        messages::wrong_type("String"),
                        &at.key("CSVHeaders").index(i),
                        header.span,
                    );
                }
            }
        }
        if let Some(m) = config_object.member("ItemsPointer") {
            self.string(m, &at.key("ItemsPointer"));
        }
        self.at_most_one(config_object, &["MaxItems", "MaxItemsPath"], &at);
        if let Some(m) = config_object.member("MaxItems") {
            self.integer(m, &at.key("MaxItems"), (0, 100_000_000), lang);
        }
        if let Some(m) = config_object
            .member("MaxItemsPath")
            .filter(|_| lang == QueryLanguage::JsonPath)
        {
            self.path_field(m, &at.key("MaxItemsPath"), PathRule::Numeric);
        }
    }

    fn item_batcher(&mut self, member: &'a Member, at: &Pointer, lang: QueryLanguage) {
        let Some(object) = self.object(member, at) else {
            return;
        };
        self.check_fields(object, at, &BATCHER, lang);
        for (field, max) in [
            ("MaxItemsPerBatch", i64::from(i32::MAX)),
            ("MaxInputBytesPerBatch", 262_144),
        ] {
            let path_field = format!("{field}Path");
            self.at_most_one(object, &[field, &path_field], at);
            if let Some(m) = object.member(field) {
                self.integer(m, &at.key(field), (1, max), lang);
            }
            if let Some(m) = object
                .member(&path_field)
                .filter(|_| lang == QueryLanguage::JsonPath)
            {
                self.path_field(m, &at.key(&path_field), PathRule::Numeric);
            }
        }
        if let Some(m) = object
            .member("BatchInput")
            .filter(|_| lang == QueryLanguage::JsonPath)
        {
            self.template(m, &at.key("BatchInput"));
        }
    }

    fn result_writer(&mut self, member: &'a Member, at: &Pointer, lang: QueryLanguage) {
        let Some(object) = self.object(member, at) else {
            return;
        };
        self.check_fields(object, at, &WRITER, lang);
        self.s3_resource(object, at, &["putObject"]);
        self.reader_or_writer_arguments(object, at, lang);
        let Some(config) = object.member("WriterConfig") else {
            return;
        };
        let at = at.key("WriterConfig");
        let Some(config_object) = self.object(config, &at) else {
            return;
        };
        self.check_fields(config_object, &at, &WRITER_CONFIG, lang);
        if let Some(m) = config_object.member("Transformation") {
            self.enumeration(
                m,
                &at.key("Transformation"),
                &["NONE", "COMPACT", "FLATTEN"],
            );
        }
        if let Some(m) = config_object.member("OutputType") {
            self.enumeration(m, &at.key("OutputType"), &["JSON", "JSONL"]);
        }
    }
}

/// The range of a Map's numeric field.
#[derive(Clone, Copy)]
enum Bound {
    /// An integer from this minimum.
    Integer(i64),
    /// A number from 0 to 100.
    Percentage,
}
