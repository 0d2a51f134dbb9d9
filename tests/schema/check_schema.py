#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks scenarios/scenario.schema.json against the scenario files.

  1. Every scenarios/**/*.json (except the schema) must validate.
  2. Every file of tests/data/bad/ listed in SCHEMA_ERRORS must be rejected (by the schema, or
     as invalid JSON). A JSON object with a repeated key counts as invalid JSON here, as it
     does for memsnn (Python's json module would silently keep the last value). The other bad
     files break rules the schema cannot see (sizes, names that must exist, V_reset < V_th,
     the weight unit a target needs, ...); they are listed as "not schema-level" and not
     judged here (tests/cli checks them through memsnn).

One line per file; exit code 0 when everything holds, 1 otherwise, 2 when jsonschema is missing.
Run from anywhere:  /usr/bin/python3 tests/schema/check_schema.py [REPO_ROOT]
"""

import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("check_schema: the Python module jsonschema is missing; "
          "install python3-jsonschema (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)

# Bad inputs the schema itself must reject (file name -> the rule it breaks).
SCHEMA_ERRORS = {
    "bad_distribution.json": "unknown distribution (gaussian)",
    "duplicate_key.json": "duplicate key (invalid JSON)",
    "malformed_json.json": "invalid JSON",
    "missing_duration.json": "required key duration",
    "missing_unit.json": "plain number where a time is expected",
    "name_with_dot.json": "population name with a dot",
    "negative_delay.json": "delay must be > 0",
    "negative_rate.json": "poisson rate must be >= 0",
    "negative_size.json": "size must be >= 1",
    "probability_above_one.json": "p must be in [0, 1]",
    "record_unknown_variable.json": "not a recordable variable",
    "refractory_input_exp_current.json": "refractory_input with input exp_current",
    "truncated_json.json": "invalid JSON",
    "unknown_connect_key.json": "unknown key in connect",
    "unknown_param.json": "unknown lif parameter",
    "unknown_rule.json": "unknown connection rule",
    "unknown_synapse_type.json": "unknown synapse type",
    "unknown_top_level_key.json": "unknown top-level key",
    "unknown_type.json": "unknown population type",
    "unknown_unit.json": "unknown unit",
    "wrong_json_type.json": "size is a string",
    "wrong_unit.json": "voltage where a time is expected",
    "zero_time_constant.json": "tau_m must be > 0",
}


def first_error(validator, document):
    """The most relevant schema error as 'json/pointer: message', or None when valid."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    pointer = "/" + "/".join(str(p) for p in error.absolute_path)
    message = error.message
    # Regular expressions, "not valid under any of the given schemas" and "should not be valid
    # under {}" say little; the schema's own description of the value says more.
    described = isinstance(error.schema, dict) and "description" in error.schema
    instance = json.dumps(error.instance, ensure_ascii=False)
    if error.validator in ("pattern", "anyOf") and described:
        message = f"{instance}: expected {error.schema['description']}"
    elif error.validator == "not" and described:
        message = f"{instance}: {error.schema['description']}"
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{pointer}: {message}"


class DuplicateKeyError(ValueError):
    """A JSON object repeats a key: memsnn rejects the file, so the checker does too."""


def reject_duplicate_keys(pairs):
    """object_pairs_hook for json.load: a dict, or DuplicateKeyError on a repeated key."""
    result = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(f"duplicate key {json.dumps(key, ensure_ascii=False)} "
                                    "(each key may appear once in an object)")
        result[key] = value
    return result


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=reject_duplicate_keys)


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2])
    schema_path = root / "scenarios" / "scenario.schema.json"
    try:
        schema = load(schema_path)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"FAIL {schema_path.relative_to(root)}: not a valid JSON Schema: {e}")
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0

    # scenarios/devices/ holds pulse protocols for `memsnn pulse`, not network scenarios.
    scenarios = sorted(p for p in (root / "scenarios").rglob("*.json")
                       if p != schema_path and p.parent.name != "devices")
    if not scenarios:
        print("FAIL scenarios/: no scenario files found")
        failures += 1
    for path in scenarios:
        name = path.relative_to(root)
        try:
            error = first_error(validator, load(path))
        except ValueError as e:
            error = f"invalid JSON: {e}"
        if error:
            print(f"FAIL {name}: {error}")
            failures += 1
        else:
            print(f"ok   {name}")

    bad_dir = root / "tests" / "data" / "bad"
    present = {p.name for p in bad_dir.glob("*.json")} if bad_dir.is_dir() else set()
    for file_name, rule in sorted(SCHEMA_ERRORS.items()):
        name = pathlib.Path("tests/data/bad") / file_name
        if file_name not in present:
            print(f"FAIL {name}: listed as a schema-level error but missing; update SCHEMA_ERRORS")
            failures += 1
            continue
        try:
            error = first_error(validator, load(bad_dir / file_name))
        except ValueError as e:
            error = f"invalid JSON: {e}"
        if error:
            print(f"ok   {name}: rejected ({error})")
        else:
            print(f"FAIL {name}: accepted, but it should be rejected ({rule})")
            failures += 1
    for file_name in sorted(present - SCHEMA_ERRORS.keys()):
        print(f"--   tests/data/bad/{file_name}: not schema-level, left to memsnn validate")

    print(f"{'FAILED' if failures else 'passed'}: {len(scenarios)} scenarios, "
          f"{len(SCHEMA_ERRORS)} schema-level bad files, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
