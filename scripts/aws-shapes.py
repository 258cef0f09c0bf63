#!/usr/bin/env python3
"""The output shapes of AWS's APIs, as tables TestState checks a mocked result against.

Reads: botocore's service models (`botocore/data/<service>/<version>/service-2.json[.gz]`, the
newest API version of each service) from the botocore package pinned in
`scripts/requirements-shapes.txt`. The pin is 1.41.5, the last release before the conformance
corpus was recorded on AWS (2025-12-03): AWS's TestState then refused a Lambda MemorySize of
10241 (recorded), which botocore 1.41.6 and later allow (their maximum is 32768). A newer pin
must keep `cargo test -p asl-cli --test conformance` green.

Writes: `aws-shapes/<service>.json` (every `.json` there is replaced), one compact table per
service, named as Step Functions' AWS SDK integrations name the service
(`arn:aws:states:::aws-sdk:<service>:<action>`). Each table is

    {"service": "s3", "botocore": "s3", "apiVersion": "2006-03-01",
     "operations": {"getObject": 0, ...},
     "shapes": [...]}

`operations` maps each action (the operation's name in camelCase, as the Task's resource writes
it) to the shape of its output; operations without an output are left out (anything goes). A
shape is referred to by its index in `shapes`, or written in place when it is a bare type:
`"s"` string, `"i"` integer, `"n"` number, `"b"` boolean, `"t"` timestamp (a JSON string),
`"x"` blob (a base64 JSON string), `"a"` anything (documents, event streams). In `shapes`:

    ["s", min, max]       a string with length bounds (null when unbounded)
    ["x", min, max]       a blob with length bounds
    ["i", min, max]       an integer or long with bounds
    ["n", min, max]       a float or double with bounds
    ["e", "A", "B", ...]  a string among these values
    ["l", ref]            a list of one shape
    ["m", ref]            a map of string keys to one shape
    ["o", {"Member": ref, ...}, ["Required", ...]]   a structure (the list left out when empty)

Member names are capitalised, as Step Functions writes them (`startDate` is `StartDate`).
Identical shapes of a service are written once. Only what validation needs is kept: no
documentation, patterns, locations or error shapes.

Run it from the repository's root, after installing the pinned botocore in a virtual
environment of the repository:

    python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements-shapes.txt
    .venv/bin/python scripts/aws-shapes.py [--out aws-shapes]

It prints the size of each file and the total. The output is committed: building and testing
need no Python and no network.
"""

import argparse
import collections
import gzip
import json
import os
import re
import sys

import botocore

# Step Functions names an AWS SDK service as the AWS SDK for Java 2.x names its client package:
# the model's `serviceId` in PascalCase, without a leading `Amazon` or `Aws` nor a trailing
# `Service`, in lower case (aws-sdk-java-v2, codegen DefaultNamingStrategy.getServiceName and
# getClientPackageName). Checked against the table of supported services in the Step Functions
# developer guide (supported-services-awssdk.md): every service listed there that botocore still
# has gets the name the guide gives it (`acm-pca` is `acmpca`, `stepfunctions` is `sfn`, `events`
# is `eventbridge`, `logs` is `cloudwatchlogs`, `dms` is `databasemigration`, `lex-models` is
# `lexmodelbuilding`). Exceptions to the rule, botocore's name to Step Functions', go here:
NAME_OVERRIDES = {}

# Two botocore models of one serviceId: the one kept (the other is the same API, an alias).
PREFERRED = {"pinpointsmsvoice": "pinpoint-sms-voice"}


def sfn_service_name(service_id):
    words = re.findall(r"[A-Za-z0-9]+", service_id)
    pascal = "".join(w[0].upper() + w[1:] for w in words)
    for prefix in ("Amazon", "Aws"):
        if pascal.startswith(prefix):
            pascal = pascal[len(prefix) :]
    if pascal.endswith("Service"):
        pascal = pascal[: -len("Service")]
    return pascal.lower()


def action_name(operation):
    """`GetObject` → `getObject`, as the AWS SDK for Java 2.x names the client's method."""
    return operation[0].lower() + operation[1:]


def member_name(name):
    """`startDate` → `StartDate`: Step Functions writes output members capitalised."""
    return name[0].upper() + name[1:]


def load_model(directory):
    versions = sorted(
        v for v in os.listdir(directory) if os.path.isdir(os.path.join(directory, v))
    )
    for version in reversed(versions):
        path = os.path.join(directory, version, "service-2.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        if os.path.exists(path + ".gz"):
            with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
                return json.load(f)
    return None


def bounds(shape):
    lo, hi = shape.get("min"), shape.get("max")
    # Whole numbers as integers (botocore writes some bounds as 0.0).
    lo = int(lo) if isinstance(lo, float) and lo.is_integer() else lo
    hi = int(hi) if isinstance(hi, float) and hi.is_integer() else hi
    return lo, hi


class Table:
    """The shapes of one service reachable from its operations' outputs."""

    def __init__(self, model):
        self.model = model
        self.index = {}  # botocore shape name -> position in self.shapes
        self.shapes = []

    def ref(self, name):
        """A reference to the named shape: a bare type, or its index (encoded on first use)."""
        shape = self.model["shapes"][name]
        kind = shape["type"]
        if kind == "structure" and (
            shape.get("document") or shape.get("eventstream")
        ):
            return "a"
        if kind == "string" and "enum" not in shape:
            lo, hi = bounds(shape)
            if not lo and hi is None:
                return "s"
        if kind == "blob":
            lo, hi = bounds(shape)
            if not lo and hi is None:
                return "x"
        if kind in ("integer", "long", "float", "double"):
            lo, hi = bounds(shape)
            if lo is None and hi is None:
                return "i" if kind in ("integer", "long") else "n"
        if kind == "boolean":
            return "b"
        if kind == "timestamp":
            return "t"
        if name in self.index:
            return self.index[name]
        position = len(self.shapes)
        self.index[name] = position
        self.shapes.append(None)
        self.shapes[position] = self.encode(shape)
        return position

    def encode(self, shape):
        kind = shape["type"]
        if kind == "string":
            if "enum" in shape:
                return ["e", *shape["enum"]]
            return ["s", *bounds(shape)]
        if kind == "blob":
            return ["x", *bounds(shape)]
        if kind in ("integer", "long"):
            return ["i", *bounds(shape)]
        if kind in ("float", "double"):
            return ["n", *bounds(shape)]
        if kind == "list":
            return ["l", self.ref(shape["member"]["shape"])]
        if kind == "map":
            return ["m", self.ref(shape["value"]["shape"])]
        if kind == "structure":
            members = {}
            for name, member in shape["members"].items():
                members[member_name(name)] = self.ref(member["shape"])
            required = [
                member_name(n)
                for n in shape.get("required", [])
                if n in shape["members"] and not shape.get("union")
            ]
            return ["o", members, required] if required else ["o", members]
        raise ValueError(f"unknown shape type {kind}")


def deduplicate(operations, shapes):
    """Write identical shapes once: merge equal encodings until none are left, then drop the
    shapes nothing refers to and number the rest in order of first use."""
    merged = set()
    while True:
        first = {}
        remap = {}
        for i, shape in enumerate(shapes):
            if i in merged:
                continue
            key = json.dumps(shape, sort_keys=True)
            if key in first:
                remap[i] = first[key]
            else:
                first[key] = i
        if not remap:
            break
        merged.update(remap)

        def fix(ref):
            return remap.get(ref, ref) if isinstance(ref, int) else ref

        shapes = [rewrite(shape, fix) for shape in shapes]
        operations = {k: fix(v) for k, v in operations.items()}
    # Renumber in order of first use from the operations (sorted), breadth first.
    order = {}
    queue = collections.deque(
        ref for _, ref in sorted(operations.items()) if isinstance(ref, int)
    )
    while queue:
        ref = queue.popleft()
        if ref in order:
            continue
        order[ref] = len(order)
        queue.extend(children(shapes[ref]))
    shapes = [
        rewrite(shapes[old], lambda r: order[r] if isinstance(r, int) else r)
        for old, _ in sorted(order.items(), key=lambda item: item[1])
    ]
    operations = {
        k: order[v] if isinstance(v, int) else v for k, v in sorted(operations.items())
    }
    return operations, shapes


def children(shape):
    tag = shape[0]
    if tag in ("l", "m"):
        return [shape[1]] if isinstance(shape[1], int) else []
    if tag == "o":
        return [r for r in shape[1].values() if isinstance(r, int)]
    return []


def rewrite(shape, fix):
    tag = shape[0]
    if tag in ("l", "m"):
        return [tag, fix(shape[1])]
    if tag == "o":
        out = [tag, {k: fix(v) for k, v in shape[1].items()}]
        return out + shape[2:]
    return shape


def service_table(botocore_name, model):
    table = Table(model)
    operations = {}
    for name, operation in model["operations"].items():
        output = operation.get("output")
        if output is None:
            continue
        operations[action_name(name)] = table.ref(output["shape"])
    operations, shapes = deduplicate(operations, table.shapes)
    return {
        "service": None,
        "botocore": botocore_name,
        "apiVersion": model["metadata"].get("apiVersion"),
        "operations": operations,
        "shapes": shapes,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="aws-shapes", help="the directory to write")
    args = parser.parse_args()
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    tables = {}
    for botocore_name in sorted(os.listdir(data)):
        directory = os.path.join(data, botocore_name)
        if not os.path.isdir(directory):
            continue
        model = load_model(directory)
        if model is None:
            continue
        name = NAME_OVERRIDES.get(botocore_name) or sfn_service_name(
            model["metadata"]["serviceId"]
        )
        if name in tables and PREFERRED.get(name) != botocore_name:
            if PREFERRED.get(name) != tables[name]["botocore"]:
                sys.exit(f"two models are named {name}: {tables[name]['botocore']}, {botocore_name}")
            continue
        table = service_table(botocore_name, model)
        table["service"] = name
        tables[name] = table
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".json"):
            os.remove(os.path.join(args.out, old))
    total = 0
    for name, table in sorted(tables.items()):
        text = json.dumps(table, separators=(",", ":"), ensure_ascii=False) + "\n"
        with open(os.path.join(args.out, f"{name}.json"), "w", encoding="utf-8") as f:
            f.write(text)
        size = len(text.encode("utf-8"))
        total += size
        print(f"{size:>9} {name}")
    print(f"{total:>9} in {len(tables)} files (botocore {botocore.__version__})")


if __name__ == "__main__":
    main()
