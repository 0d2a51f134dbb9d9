#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks the JSON Schemas of memsnn's input files against the shipped files.

  1. scenarios/scenario.schema.json: every scenarios/*.json (except the schemas) must validate.
  2. scenarios/devices/protocol.schema.json: every pulse protocol scenarios/devices/*.json must
     validate.
  3. Every file of tests/data/bad/ listed in SCHEMA_ERRORS must be rejected (by the schema, or
     as invalid JSON). A JSON object with a repeated key counts as invalid JSON here, as it
     does for memsnn (Python's json module would silently keep the last value). The other bad
     files break rules the schema cannot see (sizes, names that must exist, V_reset < V_th,
     the weight unit a target needs, ...); they are listed as "not schema-level" and not
     judged here (tests/cli checks them through memsnn).
  4. INLINE_BAD: small edits of shipped files (circuit synapses, device parameters, projection
     reports, pulse protocols, neuron and source parameters, learning rules) that the schema
     must reject. When a memsnn binary is found, memsnn must reject each of them too (exit
     code 2): for these cases at least, the schema forbids nothing the simulator accepts.
  5. The model part of scenario.schema.json is generated from `memsnn models`: the quantity
     definitions, the memristive devices ($defs device_type, device_model, device_params_*,
     device_init_*, projection_variable), the populations (population_type, population,
     neuron_params_*, neuron_init_*, source_params_*, population_variable) and the learning
     rules (learning_type, learning, learning_params_*). When a memsnn binary is found, the
     schema must equal what the binary generates; after adding or changing a neuron model,
     spike source, device model or learning rule, or one of their parameters or recordable
     variables, rewrite that part with

       /usr/bin/python3 tests/schema/check_schema.py --update-generated-defs [--memsnn PATH]

     (--update-device-defs is an older name of the same option). What `memsnn models` does
     not print is kept in tables here: OPTION_KEYS (keys that apply to some option values
     only), PARAM_EXTRA (checks a model's validate() adds), PLAIN_NUMBER_UNITS.

The memsnn binary is --memsnn PATH, else $MEMSNN, else tools/memsnn in the working directory or
one of its parents (ctest runs this from the build tree), else the newest of
build*/tools/memsnn in the repository. Without one, steps 4 (memsnn's side) and 5 are skipped.

One line per check; exit code 0 when everything holds, 1 otherwise, 2 when jsonschema is missing.
Needs Debian's /usr/bin/python3 with python3-jsonschema. Run from anywhere:
  /usr/bin/python3 tests/schema/check_schema.py [REPO_ROOT]
"""

import argparse
import copy
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import typing

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


def _syn(k):
    """The synapse object of projection k of a scenario."""
    return lambda d: d["projections"][k]["synapse"]


def _set(get, key, value):
    def edit(d):
        get(d)[key] = value
    return edit


def _delete(get, key):
    def edit(d):
        del get(d)[key]
    return edit


MEMRISTIVE = "scenarios/memristive_synapses.json"  # projections: 0 1t1r, 1 two_terminal, 2 1s1r
PROTOCOL = "scenarios/devices/pcm.json"
IZHIKEVICH = "scenarios/izhikevich.json"  # populations RS, IB, ... (izhikevich)
NEURONS = "scenarios/memristive_neurons.json"  # populations mott, diffusive, pulses (regular), ...
STDP = "scenarios/protocols/stdp_window.json"  # projection 0: static synapses with stdp
TRIPLET_PULSES = "scenarios/protocols/triplet_device_frequency.json"  # projection 0: triplet_pulses


def _params(population):
    """The params object of a population (created when missing)."""
    return lambda d: d["populations"][population].setdefault("params", {})


def _learning_params(k):
    return lambda d: d["projections"][k]["learning"]["params"]

# Edits of shipped files that both the schema and memsnn must reject:
# (label, file, rule broken, edit).
INLINE_BAD = [
    ("circuit_with_weight", MEMRISTIVE, "a circuit synapse has no weight",
     _set(_syn(1), "weight", "1 nA")),
    ("circuit_list_pair_weight", MEMRISTIVE, "circuit list pairs are [source, target]",
     lambda d: d["projections"][1]["connect"]["pairs"].__setitem__(0, [9, 3, "1 nA"])),
    ("static_list_pair_without_weight", MEMRISTIVE, "a static synapse needs a weight",
     _set(lambda d: d["projections"][1], "synapse", {"type": "static"})),
    ("two_terminal_gate_width", MEMRISTIVE, "gate_width belongs to 1t1r",
     _set(_syn(1), "gate_width", "1 ms")),
    ("1t1r_pre_waveform", MEMRISTIVE, "pre_waveform belongs to two_terminal and 1s1r",
     _set(_syn(0), "pre_waveform", [{"duration": "1 us", "voltage": "1 V"}])),
    ("1t1r_substeps", MEMRISTIVE, "substeps belongs to 1s1r", _set(_syn(0), "substeps", 4)),
    ("1s1r_without_selector", MEMRISTIVE, "1s1r needs a selector", _delete(_syn(2), "selector")),
    ("circuit_without_device", MEMRISTIVE, "a circuit needs a device",
     _delete(_syn(1), "device")),
    ("zero_read_voltage", MEMRISTIVE, "read_voltage must not be 0",
     _set(_syn(1), "read_voltage", "0 mV")),
    ("negative_gain", MEMRISTIVE, "gain must be >= 0", _set(_syn(0), "gain", -1e-4)),
    ("gain_with_wrong_unit", MEMRISTIVE, "gain is a number or a resistance",
     _set(_syn(0), "gain", "1 mV")),
    ("unknown_polarity", MEMRISTIVE, "polarity is excitatory or inhibitory",
     _set(_syn(0), "polarity", "positive")),
    ("zero_substeps", MEMRISTIVE, "substeps >= 1", _set(_syn(2), "substeps", 0)),
    ("unknown_device_type", MEMRISTIVE, "unknown device type",
     _set(lambda d: d["projections"][1]["synapse"]["device"], "type", "memristor")),
    ("unknown_device_param", MEMRISTIVE, "unknown diffusive parameter",
     _set(lambda d: d["projections"][1]["synapse"]["device"]["params"], "G_max", "1 uS")),
    ("device_param_wrong_unit", MEMRISTIVE, "tau_relax is a time",
     _set(lambda d: d["projections"][1]["synapse"]["device"]["params"], "tau_relax", "5 mV")),
    ("device_param_unit_on_number", MEMRISTIVE, "levels is a plain number",
     _set(lambda d: d["projections"][1]["synapse"]["device"]["params"], "levels", "4 V")),
    ("device_probability_above_one", MEMRISTIVE, "p_switch in [0, 1]",
     _set(lambda d: d["projections"][1]["synapse"]["device"]["params"], "p_switch", 1.5)),
    ("unknown_device_option", MEMRISTIVE, "rram mode is binary or gradual",
     _set(lambda d: d["projections"][0]["synapse"]["device"]["params"], "mode", "analog")),
    ("rram_gradual_key_in_binary", MEMRISTIVE, "gamma_set applies to mode gradual only",
     _set(lambda d: d["projections"][0]["synapse"]["device"]["params"], "gamma_set", 0.3)),
    ("pulse_map_key_of_other_map", MEMRISTIVE, "A_p applies to map nonlinear only",
     _set(_syn(1), "device", {"type": "pulse_map", "params": {"A_p": 10}})),
    ("unknown_device_init", MEMRISTIVE, "diffusive init is s",
     _set(lambda d: d["projections"][1]["synapse"]["device"], "init", {"x": 0.5})),
    ("device_size_in_scenario", MEMRISTIVE, "size belongs to pulse protocols",
     _set(lambda d: d["projections"][1]["synapse"]["device"], "size", 2)),
    ("projection_report_neurons", MEMRISTIVE, "projection reports take synapses",
     _set(lambda d: d["record"][1], "neurons", [0])),
    ("projection_report_spikes", MEMRISTIVE, "spikes is not a synapse variable",
     lambda d: d["record"].__setitem__(1, {"what": "spikes", "projection": "rram_1t1r"})),
    ("projection_report_unknown_variable", MEMRISTIVE, "not a device variable",
     _set(lambda d: d["record"][1], "what", "V_m")),
    ("protocol_unknown_key", PROTOCOL, "unknown top-level key",
     _set(lambda d: d, "duration", "1 s")),
    ("protocol_unknown_device_param", PROTOCOL, "unknown pcm parameter",
     _set(lambda d: d["device"]["params"], "tau_relax", "1 ms")),
    ("protocol_zero_size", PROTOCOL, "size >= 1", _set(lambda d: d["device"], "size", 0)),
    ("protocol_empty", PROTOCOL, "a non-empty list of steps", _set(lambda d: d, "protocol", [])),
    ("protocol_period_missing", PROTOCOL, "period is required when pulses > 1",
     _delete(lambda d: d["protocol"][0], "period")),
    ("protocol_waveform_and_amplitude", PROTOCOL, "waveform or amplitude and width",
     _set(lambda d: d["protocol"][0], "waveform", [{"duration": "1 us", "voltage": "1 V"}])),
    ("protocol_wait_with_pulses", PROTOCOL, "a wait step has no pulses",
     _set(lambda d: d["protocol"][2], "pulses", 1)),
    ("protocol_zero_read_voltage", PROTOCOL, "read_voltage must not be 0",
     _set(lambda d: d, "read_voltage", "0 V")),
    ("neuron_unknown_param", IZHIKEVICH, "tau_m is no izhikevich parameter",
     _set(_params("RS"), "tau_m", "20 ms")),
    ("neuron_unknown_option", IZHIKEVICH, "izhikevich presets are RS IB CH FS LTS TC RZ",
     _set(_params("RS"), "preset", "XY")),
    ("neuron_plain_number_with_unit", IZHIKEVICH, "izhikevich's a is a plain number [1/ms]",
     _set(_params("RS"), "a", "0.02 ms")),
    ("neuron_unknown_init", NEURONS, "a mott_oscillator's state is V_C",
     _set(lambda d: d["populations"]["mott"], "init", {"V_m": "0 mV"})),
    ("neuron_density_as_conductance", IZHIKEVICH, "g_Na is a conductance per area",
     _set(lambda d: d["populations"], "RS",
          {"type": "hodgkin_huxley", "size": 1, "params": {"g_Na": "120 mS"}})),
    ("neuron_init_gate_above_one", IZHIKEVICH, "hodgkin_huxley's gates are in [0, 1]",
     _set(lambda d: d["populations"], "RS", {"type": "hodgkin_huxley", "size": 1,
                                             "init": {"m": 1.5}})),
    ("source_init", NEURONS, "a spike source has no state to set",
     _set(lambda d: d["populations"]["pulses"], "init", {"V_m": "0 mV"})),
    ("source_without_params", NEURONS, "a regular source needs its rate",
     _delete(lambda d: d["populations"]["pulses"], "params")),
    ("unknown_learning_rule", TRIPLET_PULSES, "unknown learning rule",
     _set(lambda d: d["projections"][0]["learning"], "type", "triplet_pulse")),
    ("learning_unknown_param", TRIPLET_PULSES, "A2_plus belongs to triplet",
     _set(_learning_params(0), "A2_plus", 0.1)),
    ("learning_waveform_missing", TRIPLET_PULSES, "pre_pulse is required",
     _delete(_learning_params(0), "pre_pulse")),
    ("learning_waveform_not_a_list", TRIPLET_PULSES, "post_pulse is a waveform",
     _set(_learning_params(0), "post_pulse", "-0.6 V")),
    ("learning_weight_param_wrong_unit", STDP, "A_plus takes the target's weight unit",
     _set(_learning_params(0), "A_plus", "0.1 ms")),
    ("learning_weight_param_negative", STDP, "A_minus >= 0",
     _set(_learning_params(0), "A_minus", "-0.1 mV")),
    ("learning_required_param_missing", STDP, "stdp needs w_max",
     _delete(_learning_params(0), "w_max")),
    ("learning_zero_utilisation", STDP, "tsodyks_markram's U > 0",
     _set(lambda d: d["projections"][0], "learning",
          {"type": "tsodyks_markram", "params": {"U": 0}})),
]

# ---------------------------------------------------------------------------------------------
# The generated part of the scenario schema, from `memsnn models`: the quantity definitions,
# the memristive devices, the populations (neuron models and spike sources) and the learning
# rules.

# The sections of `memsnn models` the schema is generated from: title -> kind.
SECTIONS = {
    "neuron models": "neuron",
    "spike sources": "source",
    "memristive devices": "device",
    "learning rules": "learning",
}
# Kind (also the prefix of its $defs: neuron_params_lif, ...) -> how descriptions name a model.
KIND_LABELS = {"neuron": "neuron model", "source": "spike source", "device": "device model",
               "learning": "learning rule"}

# Internal unit (as `memsnn models` prints it) -> dimension, as the schema names it.
DIMENSIONS = {
    "1": "number", "ms": "time", "mV": "voltage", "nA": "current", "uS": "conductance",
    "nF": "capacitance", "MOhm": "resistance", "Hz": "frequency", "pC": "charge",
    "fJ": "energy", "pW": "power", "uA/cm2": "current_density", "mS/cm2": "conductance_density",
    "uF/cm2": "capacitance_density", "mV ms": "flux", "K": "temperature",
}
# Units `memsnn models` prints for values written as plain numbers (a ParamSpec's shown_unit on
# a dimensionless parameter: izhikevich's a, b, d and init u, hodgkin_huxley's area). memsnn's
# unit parser knows none of them, so such a value can only be a plain number.
PLAIN_NUMBER_UNITS = {"1/ms", "mV/ms", "um2"}
# Dimension -> (its name in descriptions, unit regex, example, internal unit as documented).
QUANTITIES = {
    "time": ("time", "s", "1 ms", "ms"),
    "voltage": ("voltage", "V", "1 mV", "mV"),
    "current": ("current", "A", "1 nA", "nA"),
    "conductance": ("conductance", "S", "6 nS", "uS"),
    "capacitance": ("capacitance", "F", "1 nF", "nF"),
    "resistance": ("resistance", "(Ohm|Ω)", "10 kOhm", "MOhm"),
    "frequency": ("frequency", "Hz", "1 Hz", "Hz"),
    "charge": ("charge", "C", "1 pC", "pC"),
    "energy": ("energy", "(J|eV)", "1 eV", "fJ"),
    "power": ("power", "W", "1 pW", "pW"),
    "current_density": ("current density", "A/cm2", "10 uA/cm2", "uA/cm2"),
    "conductance_density": ("conductance density", "S/cm2", "36 mS/cm2", "mS/cm2"),
    "capacitance_density": ("capacitance density", "F/cm2", "1 uF/cm2", "uF/cm2"),
    "flux": ("flux (voltage times time)", "(Wb|Vs)", "100 uWb", "mV ms = uWb"),
    "temperature": ("temperature", "K", "300 K", "K"),
}
NUMBER = {
    "any": r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)",
    "nonnegative": r"\+?([0-9]+\.?[0-9]*|\.[0-9]+)",
    "positive": r"\+?([0-9]*[1-9][0-9]*\.?[0-9]*|[0-9]*\.[0-9]*[1-9][0-9]*)",
    "nonzero": r"[+-]?([0-9]*[1-9][0-9]*\.?[0-9]*|[0-9]*\.[0-9]*[1-9][0-9]*)",
}
CHECK_ORDER = ["any", "nonnegative", "positive", "nonzero", "probability"]
PREFIX = "(f|p|n|u|µ|m|k|M|G|T)?"
CHECKS = {"(> 0)": "positive", "(>= 0)": "nonnegative", "(0..1)": "probability"}
# A learning-rule parameter whose unit column says `weight` takes the unit of the target's
# weights (memsnn substitutes the dimension): one of these.
WEIGHT_DIMS = ["voltage", "current", "conductance"]

# Keys that apply to some values of a model's option only (memsnn rejects them otherwise):
# type -> (option, its default, key -> the option values it applies to). Copied from
# neurons/lif.cpp (refractory_input), synapses/rram.cpp (kGradualOnly) and
# synapses/pulse_map.cpp (kOwned); tests/data/bad/refractory_input_exp_current.json and
# INLINE_BAD check them against memsnn.
OPTION_KEYS = {
    "lif": ("input", "delta", {"refractory_input": ["delta"]}),
    "rram": ("mode", "binary", {k: ["gradual"] for k in ("gamma_set", "gamma_reset", "dV_reset")}),
    "pulse_map": ("map", "linear", {
        "N_p": ["linear", "nonlinear"], "N_d": ["linear", "nonlinear"],
        "A_p": ["nonlinear"], "A_d": ["nonlinear"],
        "alpha_p": ["soft_bound"], "alpha_d": ["soft_bound"],
        "dG0_p": ["exponential"], "dG0_d": ["exponential"],
        "beta_p": ["exponential"], "beta_d": ["exponential"],
    }),
}
# Why, where the rule's message should say it: (type, key) -> reason.
OPTION_NOTES = {("lif", "refractory_input"): "synaptic input keeps flowing during t_ref"}
# What a parameter's validate() enforces beyond the check `memsnn models` prints:
# (type, name) -> (extra keywords of its property, a note for its description).
PARAM_EXTRA = {
    ("tsodyks_markram", "U"): ({"exclusiveMinimum": 0}, ""),  # its doc says (0..1]
    ("spike_times", "spike_times"): ({}, "each list non-decreasing"),
}


# Input encoders add two more kinds: "index_lists" (unit column `indices`: non-negative
# integers, one list or a list of lists) and "file" (unit column `file`: a path string).
class Spec(typing.NamedTuple):
    """One row of a params/keys or init table of `memsnn models`.

    kind: "number" (dim and check apply), "option" (choices), "waveform", "time_list" (a list of
    times, or one list per element) or "weight" (the target's weight unit; check applies)."""
    name: str
    kind: str
    dim: typing.Optional[str]
    check: str
    choices: typing.Optional[list]
    required: bool
    default: str
    doc: str


def parse_spec(line):
    """A Spec from a table line; the columns are fixed-width (tools/memsnn/models_command.cpp:
    name 18, default 28, unit 10, then the doc)."""
    name, default, unit, doc = line[4:22].strip(), line[22:50].strip(), line[50:60].strip(), \
        line[60:]
    if line[21] != " " or line[49] != " " or line[59] != " " or " " in name or not name:
        raise ValueError(f"cannot read this `memsnn models` line: {line!r}")
    choices = None
    m = re.search(r" \(options: ([^)]*)\)$", doc)
    if m:
        choices, doc = m.group(1).split(), doc[:m.start()]
    check = next((c for s, c in CHECKS.items() if doc.endswith(" " + s)), "any")
    required = default == "(required)"
    dim = None
    if unit == "option":
        if not choices:
            raise ValueError(f"an option without choices: {line!r}")
        kind = "option"
    elif unit == "waveform":
        kind = "waveform"
    elif unit == "indices":
        kind = "index_lists"
    elif unit == "file":
        kind = "file"
    elif unit == "weight":
        if check == "probability":
            raise ValueError(f"a 0..1 check on a weight: {line!r}")
        kind = "weight"
    elif unit in DIMENSIONS or unit in PLAIN_NUMBER_UNITS:
        dim = DIMENSIONS.get(unit, "number")
        if check == "probability" and dim != "number":
            raise ValueError(f"a 0..1 check on a quantity with a unit: {line!r}")
        # A ParamKind::time_list (spike_times) prints like a required time; its doc says what
        # it is.
        kind = ("time_list" if dim == "time" and required and re.search(r"\blists? of times\b",
                                                                        doc) else "number")
    else:
        raise ValueError(f"unit {unit!r} has no schema dimension (add it to DIMENSIONS, or to "
                         f"PLAIN_NUMBER_UNITS if it is a plain number, in check_schema.py): "
                         f"{line!r}")
    return Spec(name, kind, dim, check, choices, required, default, doc)


def parse_models(text):
    """The generated kinds of `memsnn models` output: kind (neuron, source, device, learning)
    -> type -> {"summary", "params", "init": [Spec], "variables": [name]}, in listed order."""
    models = {kind: {} for kind in SECTIONS.values()}
    kind = model = block = None
    for line in text.splitlines():
        if line.startswith("== "):
            kind = next((k for title, k in SECTIONS.items() if line.startswith(f"== {title}")),
                        None)
            continue
        if kind is None or not line.strip():
            continue
        if not line.startswith(" "):
            name, _, summary = line.partition(" — ")
            model = models[kind].setdefault(name.strip(), {"summary": summary.strip(),
                                                           "params": [], "init": [],
                                                           "variables": []})
            block = None
        elif not line.startswith("   "):
            block = {"keys:": "params", "params:": "params", "init:": "init",
                     "recordable:": "variables"}.get(line.strip())
        elif block == "variables":
            model["variables"].append(line.split()[0])
        elif block:
            model[block].append(parse_spec(line))
    for title, kind in SECTIONS.items():
        if not models[kind]:
            raise ValueError(f"`memsnn models` lists no {title}")
    return models


def scalar_name(dim, check):
    if dim == "number":
        return {"any": "number", "nonnegative": "number_nonnegative",
                "positive": "number_positive", "probability": "probability"}[check]
    return dim if check == "any" else f"{dim}_{check}"


def parse_quantity_name(name):
    """(per_element, dim, check) of a quantity definition name, or None."""
    per_element = name.startswith("per_element_")
    base = name[len("per_element_"):] if per_element else name
    if base == "probability":
        return per_element, "number", "probability"
    for dim in ["number", *QUANTITIES]:
        for check in CHECK_ORDER:
            if check not in ("probability", "nonzero" if dim == "number" else "") \
                    and scalar_name(dim, check) == base:
                return per_element, dim, check
    return None


def scalar_def(dim, check):
    if dim == "number":
        return {"any": {"description": "a plain number (no unit).", "type": "number"},
                "nonnegative": {"description": "a plain number (no unit), >= 0.",
                                "type": "number", "minimum": 0},
                "positive": {"description": "a plain number (no unit), > 0.",
                             "type": "number", "exclusiveMinimum": 0},
                "probability": {"description": "a plain number (no unit) from 0 to 1.",
                                "type": "number", "minimum": 0, "maximum": 1}}[check]
    what, unit, example, internal = QUANTITIES[dim]
    article = "an" if what[0] in "aeiou" else "a"
    rule = {"any": "", "nonnegative": ", >= 0", "positive": ", > 0", "nonzero": ", not 0"}[check]
    if check == "nonzero":
        example = {"voltage": "100 mV"}.get(dim, example)
    return {
        "description": f"{article} {what} with a unit (internal unit {internal}){rule}, "
                       f"e.g. \"{example}\".",
        "type": "string",
        "pattern": f"^ *{NUMBER[check]}([eE][+-]?[0-9]+)? *{PREFIX}{unit} *$",
    }


def per_element_def(dim, check):
    ref = {"$ref": f"#/$defs/{scalar_name(dim, check)}"}
    signed = {"$ref": f"#/$defs/{scalar_name(dim, 'any')}"}
    spread = {"$ref": f"#/$defs/{scalar_name(dim, 'nonnegative')}"}
    rule = "" if check == "any" else ", 0 to 1" if check == "probability" else f", {check}"
    return {
        "description": "one value for every element, a list of one value per element, or a "
                       f"distribution ({dim}{rule}).",
        "anyOf": [
            ref,
            {"type": "array", "minItems": 1, "items": ref},
            {
                "type": "object",
                "properties": {
                    "uniform": {"type": "array", "minItems": 2, "maxItems": 2, "items": ref}
                },
                "required": ["uniform"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "normal": {
                        "type": "object",
                        "properties": {"mean": signed, "sd": spread, "min": signed,
                                       "max": signed},
                        "required": ["mean", "sd"],
                        "additionalProperties": False,
                    }
                },
                "required": ["normal"],
                "additionalProperties": False,
            },
        ],
    }


def default_value(spec):
    """The default `memsnn models` shows, as a valid value of the parameter, or None (required,
    "never", an expression such as "E_L", a unit the schema spells differently, ...)."""
    if spec.kind != "number":
        return None
    if spec.dim == "number":
        try:
            value = json.loads(spec.default)
        except ValueError:
            return None
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and {"any": True, "nonnegative": value >= 0, "positive": value > 0,
                   "probability": 0 <= value <= 1}[spec.check])
        return value if ok else None
    return spec.default if re.fullmatch(scalar_def(spec.dim, spec.check)["pattern"],
                                        spec.default) else None


def spec_property(model_type, spec, per_element):
    """The schema of one parameter: per_element for populations and devices (a value, a list or
    a distribution), a single value for learning rules."""
    if spec.kind == "option":
        prop = {"description": spec.doc, "enum": spec.choices, "default": spec.choices[0]}
    elif spec.kind == "waveform":
        prop = {"description": spec.doc, "$ref": "#/$defs/waveform"}
    elif spec.kind == "index_lists":
        item = {"type": "integer", "minimum": 0}
        prop = {"description": spec.doc, "anyOf": [
            {"type": "array", "items": item},
            {"type": "array", "minItems": 1, "items": {"type": "array", "items": item}},
        ]}
    elif spec.kind == "file":
        prop = {"description": spec.doc, "type": "string", "minLength": 1}
    elif spec.kind == "time_list":
        item = {"$ref": f"#/$defs/{scalar_name(spec.dim, spec.check)}"}
        prop = {"description": spec.doc, "anyOf": [
            {"type": "array", "items": item},
            {"type": "array", "minItems": 1, "items": {"type": "array", "items": item}},
        ]}
    elif spec.kind == "weight":
        prefix = "per_element_" if per_element else ""
        rule = {"any": "", "nonnegative": ", >= 0", "positive": ", > 0"}[spec.check]
        doc = re.sub(r" \((weight unit|[>=]+ 0)\)", "", spec.doc)
        prop = {"description": f"a weight in the target's unit, a voltage (target input "
                               f"delta), current (exp_current) or conductance "
                               f"(exp_conductance){rule}: {doc}",
                "anyOf": [{"$ref": f"#/$defs/{prefix}{scalar_name(d, spec.check)}"}
                          for d in WEIGHT_DIMS]}
    else:
        prefix = "per_element_" if per_element else ""
        prop = {"description": spec.doc,
                "$ref": f"#/$defs/{prefix}{scalar_name(spec.dim, spec.check)}"}
        default = default_value(spec)
        if default is not None:
            prop["default"] = default
    extra, note = PARAM_EXTRA.get((model_type, spec.name), ({}, ""))
    if note:
        prop["description"] += f" ({note})"
    prop.update(extra)
    return prop


def option_rules(model_type, params):
    """if/then rules that forbid keys outside the option values they apply to."""
    option, default, keys = OPTION_KEYS[model_type]
    choices = next(p.choices for p in params if p.name == option)
    if default != choices[0] or any(v not in choices for vs in keys.values() for v in vs) \
            or any(k not in [p.name for p in params] for k in keys):
        raise ValueError(f"OPTION_KEYS[{model_type!r}] no longer matches `memsnn models`")
    rules = []
    for value in choices:
        banned = [k for k, values in keys.items() if value not in values]
        if not banned:
            continue
        condition = {"properties": {option: {"const": value}}}
        if value != default:
            condition["required"] = [option]
        then = {}
        for k in banned:
            note = OPTION_NOTES.get((model_type, k))
            then[k] = {"description": f"{k} applies to {option} "
                                      + " or ".join(f"\"{v}\"" for v in keys[k]) + " only"
                                      + (f" ({note})" if note else ""),
                       "not": {}}
        rules.append({"if": condition, "then": {"properties": then}})
    return rules


def def_name(kind, what, model_type):
    """The $defs name of a model's params or init: device_params_pcm, neuron_init_lif, ..."""
    return f"{kind}_{what}_{model_type}"


def object_def(kind, model_type, what, specs):
    per_element = kind != "learning"
    props = {s.name: spec_property(model_type, s, per_element) for s in specs}
    title = "parameters" if what == "params" else "initial state"
    out = {"description": f"{title} of the {model_type} {KIND_LABELS[kind]} "
                          f"(`memsnn models {model_type}`).",
           "type": "object", "properties": props}
    # memsnn fills in missing init values; waveforms and time lists have no default anywhere.
    required = [s.name for s in specs
                if s.required and (what == "params" or s.kind in ("waveform", "time_list"))]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    if what == "params" and model_type in OPTION_KEYS:
        out["allOf"] = option_rules(model_type, specs)
    return out


def type_rule(kind, model_type, model, with_init):
    """if type is model_type then params (and init) are its definitions."""
    then = {}
    if any(s.required for s in model["params"]):
        then["required"] = ["params"]
    props = {"params": {"$ref": f"#/$defs/{def_name(kind, 'params', model_type)}"}}
    if with_init:
        props["init"] = ({"$ref": f"#/$defs/{def_name(kind, 'init', model_type)}"}
                         if model["init"] or kind == "device" else False)
    then["properties"] = props
    return {"if": {"properties": {"type": {"const": model_type}}, "required": ["type"]},
            "then": then}


def quantity_defs(models, schema_defs):
    """The quantity definitions: those the models need and those of the same naming the schema
    already has (hand-written parts use them too)."""
    needed, scalars = set(), set()
    for kind, typed in models.items():
        for model in typed.values():
            for s in model["params"] + model["init"]:
                if s.kind == "number":
                    (scalars if kind == "learning" else needed).add((s.dim, s.check))
                elif s.kind == "time_list":
                    scalars.add((s.dim, s.check))
                elif s.kind == "weight":
                    for d in WEIGHT_DIMS:
                        (scalars if kind == "learning" else needed).add((d, s.check))
                elif s.kind == "waveform":
                    scalars |= {("time", "positive"), ("voltage", "any")}
    for name in schema_defs:
        parsed = parse_quantity_name(name)
        if parsed:
            (needed if parsed[0] else scalars).add(parsed[1:])
    scalars |= needed
    for dim, _ in list(scalars):
        scalars |= {(dim, "any"), (dim, "nonnegative")}
    dims = ["number", *QUANTITIES]

    def sort_key(dc):
        return dims.index(dc[0]), CHECK_ORDER.index(dc[1])

    defs = {}
    for dim, check in sorted(scalars, key=sort_key):
        defs[scalar_name(dim, check)] = scalar_def(dim, check)
    for dim, check in sorted(needed, key=sort_key):
        defs["per_element_" + scalar_name(dim, check)] = per_element_def(dim, check)
    return defs


def union(lists):
    out = []
    for names in lists:
        out += [n for n in names if n not in out]
    return out


REGENERATE = "tests/schema/check_schema.py --update-generated-defs"


def generated_defs(models, schema_defs=()):
    """The generated $defs in file order: quantities, devices, populations, learning rules."""
    defs = quantity_defs(models, schema_defs)

    # Memristive devices.
    devices = models["device"]
    types = list(devices)
    defs["device_type"] = {
        "description": "a memristive device model: " + ", ".join(types)
                       + " (`memsnn models` lists them under \"memristive devices\").",
        "enum": types,
    }
    defs["device_model"] = {
        "description": "A device model with its per-element params and init (generated from "
                       f"`memsnn models` by {REGENERATE}).",
        "type": "object",
        "properties": {"type": {"$ref": "#/$defs/device_type"}},
        "required": ["type"],
        "allOf": [type_rule("device", t, devices[t], True) for t in types],
    }
    for t in types:
        for what in ("params", "init"):
            defs[def_name("device", what, t)] = object_def("device", t, what, devices[t][what])
    variables = union(d["variables"] for d in devices.values())
    variables += ["selector_" + v for v in variables] + ["energy", "weight"]
    defs["projection_variable"] = {
        "description": "a variable over a projection's synapses: a variable of its device ("
                       + ", ".join(v for v in variables if not v.startswith("selector_")
                                   and v not in ("energy", "weight"))
                       + "), selector_<variable> of a 1s1r selector, energy (fJ) of a circuit, "
                         "or weight of a static projection.",
        "enum": variables,
    }

    # Populations: neuron models and spike sources.
    populations = [(kind, t, m) for kind in ("neuron", "source")
                   for t, m in models[kind].items()]
    defs["population_type"] = {
        "description": "a population's model: a neuron model ("
                       + ", ".join(models["neuron"]) + ") or a spike source ("
                       + ", ".join(models["source"]) + "); `memsnn models` lists them under "
                         "\"neuron models\" and \"spike sources\".",
        "enum": [t for _, t, _ in populations],
    }
    defs["population"] = {
        "description": "size elements of one neuron model or spike source, with per-element "
                       "params and init (generated from `memsnn models` by "
                       f"{REGENERATE}).",
        "type": "object",
        "properties": {
            "type": {"$ref": "#/$defs/population_type"},
            "size": {"description": "Number of elements.", "type": "integer", "minimum": 1,
                     "maximum": 4294967295},
            "params": {"type": "object"},
            "init": {"type": "object"},
            "description": {"$ref": "#/$defs/description"},
        },
        "required": ["type", "size"],
        "additionalProperties": False,
        "allOf": [type_rule(kind, t, m, True) for kind, t, m in populations],
    }
    for kind, t, m in populations:
        defs[def_name(kind, "params", t)] = object_def(kind, t, "params", m["params"])
        if m["init"]:
            defs[def_name(kind, "init", t)] = object_def(kind, t, "init", m["init"])
    with_variables = [(t, m["variables"]) for _, t, m in populations if m["variables"]]
    defs["population_variable"] = {
        "description": "a recordable variable of the population's model ("
                       + "; ".join(f"{t}: {', '.join(v)}" for t, v in with_variables) + ").",
        "enum": union(v for _, v in with_variables),
    }

    # Learning rules.
    rules = models["learning"]
    defs["learning_type"] = {
        "description": "a learning rule: " + ", ".join(rules)
                       + " (`memsnn models` lists them under \"learning rules\").",
        "enum": list(rules),
    }
    defs["learning"] = {
        "description": "A learning rule of a projection with its params (generated from "
                       f"`memsnn models` by {REGENERATE}). Parameters in the unit `weight` "
                       "take the unit of the target's weights (mV, nA or uS); whether a rule "
                       "suits static synapses or drives synapse circuits is checked by memsnn.",
        "type": "object",
        "properties": {
            "type": {"$ref": "#/$defs/learning_type"},
            "params": {"type": "object"},
            "stop": {"$ref": "#/$defs/time_nonnegative",
                     "description": "the rule is off from this time on (weights stay as they are)"},
            "normalize": {
                "description": "static synapses: scale the weights onto each target to sum to "
                               "total, at start and then every interval while learning",
                "type": "object",
                "properties": {"total": {"$ref": "#/$defs/weight_value"},
                               "start": {"$ref": "#/$defs/time_nonnegative"},
                               "interval": {"$ref": "#/$defs/time_nonnegative"}},
                "required": ["total"],
                "additionalProperties": False,
            },
            "description": {"$ref": "#/$defs/description"},
        },
        "required": ["type"],
        "additionalProperties": False,
        "allOf": [type_rule("learning", t, rules[t], False) for t in rules],
    }
    for t in rules:
        defs[def_name("learning", "params", t)] = object_def("learning", t, "params",
                                                             rules[t]["params"])
    return defs


GENERATED_BLOCKS = {
    "devices": ("device_type", "device_model", "projection_variable"),
    "populations": ("population_type", "population", "population_variable"),
    "learning": ("learning_type", "learning"),
}


def generated_block(name):
    """Which generated block a $defs name belongs to (quantities, devices, populations,
    learning), or None for a hand-written definition."""
    if name.startswith(("device_params_", "device_init_")):
        return "devices"
    if name.startswith(("neuron_params_", "neuron_init_", "source_params_", "source_init_")):
        return "populations"
    if name.startswith("learning_params_"):
        return "learning"
    for block, names in GENERATED_BLOCKS.items():
        if name in names:
            return block
    return "quantities" if parse_quantity_name(name) else None


def merge_defs(schema, generated):
    """schema with its generated $defs in blocks (quantities, devices, populations, learning),
    each where its first definition was (a new block goes before "name"); stale generated ones
    are removed."""
    blocks = {"quantities": {}, "devices": {}, "populations": {}, "learning": {}}
    for name, value in generated.items():
        blocks[generated_block(name)][name] = value
    old = schema["$defs"]
    out = {}
    for name, value in old.items():
        block = generated_block(name)
        if block is None:
            if name == "name":
                for b in blocks.values():
                    out.update(b)
                    b.clear()
            out[name] = value
        else:
            out.update(blocks[block])
            blocks[block].clear()
    for b in blocks.values():
        out.update(b)
    return dict(schema, **{"$defs": out})


def format_json(value, width=100):
    """JSON as in the schema files: 2-space indents, a value on one line when it fits."""
    lines = []

    def emit(x, indent, head, tail):
        flat = json.dumps(x, ensure_ascii=False, separators=(", ", ": "))
        if (not isinstance(x, (dict, list)) or not x
                or len(indent) + len(head) + len(flat) + len(tail) <= width):
            lines.append(indent + head + flat + tail)
            return
        items = list(x.items()) if isinstance(x, dict) else [(None, e) for e in x]
        lines.append(indent + head + ("{" if isinstance(x, dict) else "["))
        for i, (k, e) in enumerate(items):
            key = "" if k is None else json.dumps(k, ensure_ascii=False) + ": "
            emit(e, indent + "  ", key, "," if i + 1 < len(items) else "")
        lines.append(indent + ("}" if isinstance(x, dict) else "]") + tail)

    emit(value, "", "", "")
    return "\n".join(lines) + "\n"


def find_memsnn(root, given):
    if given:
        return pathlib.Path(given)
    if os.environ.get("MEMSNN"):
        return pathlib.Path(os.environ["MEMSNN"])

    def runnable(p):
        return p.is_file() and os.access(p, os.X_OK)

    for d in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
        if runnable(d / "tools" / "memsnn"):
            return d / "tools" / "memsnn"
    built = [p for p in root.glob("build*/tools/memsnn") if runnable(p)]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


def models_text(memsnn):
    return subprocess.run([str(memsnn), "models"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


# ---------------------------------------------------------------------------------------------


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
    if error.validator in ("pattern", "anyOf", "oneOf") and described:
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


def make_validator(schema_path, schemas):
    """A validator of the schema at schema_path; `schemas` maps the paths of every schema file
    to its contents, so that relative $refs between the files resolve."""
    identified = {p.resolve().as_uri(): dict(s, **{"$id": p.resolve().as_uri()})
                  for p, s in schemas.items()}
    schema = identified[schema_path.resolve().as_uri()]
    try:
        import referencing
        import referencing.jsonschema
    except ImportError:  # jsonschema < 4.18
        resolver = jsonschema.RefResolver.from_schema(schema, store=identified)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)
    registry = referencing.Registry().with_resources(
        (uri, referencing.Resource.from_contents(
            s, default_specification=referencing.jsonschema.DRAFT202012))
        for uri, s in identified.items())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def memsnn_rejects(memsnn, document, is_protocol):
    """memsnn's exit code on the document (validate, or a pulse run into a temporary file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "input.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        command = ([str(memsnn), "pulse", str(path), "-q", "-o", str(pathlib.Path(tmp) / "o.h5")]
                   if is_protocol else [str(memsnn), "validate", str(path)])
        r = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return r.returncode, (r.stderr or r.stdout).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parents[2])
    parser.add_argument("--memsnn", help="the memsnn binary (default: see the file header)")
    parser.add_argument("--update-generated-defs", "--update-device-defs", action="store_true",
                        dest="update",
                        help="rewrite the generated part of scenario.schema.json (quantities, "
                             "devices, populations, learning rules) from `memsnn models`")
    args = parser.parse_args()
    root = args.root.resolve()
    schema_path = root / "scenarios" / "scenario.schema.json"
    protocol_schema_path = root / "scenarios" / "devices" / "protocol.schema.json"
    memsnn = find_memsnn(root, args.memsnn)
    if memsnn is not None and not (memsnn.is_file() and os.access(memsnn, os.X_OK)):
        print(f"check_schema: {memsnn} is not an executable memsnn binary", file=sys.stderr)
        return 1

    if args.update:
        if memsnn is None:
            print("check_schema: no memsnn binary found; pass --memsnn PATH", file=sys.stderr)
            return 1
        schema = load(schema_path)
        try:
            generated = generated_defs(parse_models(models_text(memsnn)), schema.get("$defs", {}))
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            print(f"check_schema: {memsnn} models: {e}", file=sys.stderr)
            return 1
        updated = merge_defs(schema, generated)
        schema_path.write_text(format_json(updated), encoding="utf-8")
        print(f"wrote {schema_path.relative_to(root)} ({len(generated)} generated definitions "
              f"from {memsnn} models)")
        return 0

    schemas = {}
    for path in (schema_path, protocol_schema_path):
        try:
            schemas[path] = load(path)
            jsonschema.Draft202012Validator.check_schema(schemas[path])
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            print(f"FAIL {path.relative_to(root)}: not a valid JSON Schema: {e}")
            return 1
    validators = {path: make_validator(path, schemas) for path in schemas}
    failures = 0

    def check_files(paths, validator, what):
        nonlocal failures
        if not paths:
            print(f"FAIL {what}: no files found")
            failures += 1
        for path in paths:
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

    # scenarios/devices/ holds pulse protocols for `memsnn pulse`, not network scenarios.
    scenarios = sorted(p for p in (root / "scenarios").rglob("*.json")
                       if p not in schemas and p.parent.name != "devices")
    protocols = sorted(p for p in (root / "scenarios" / "devices").glob("*.json")
                       if p not in schemas)
    check_files(scenarios, validators[schema_path], "scenarios/*.json")
    check_files(protocols, validators[protocol_schema_path], "scenarios/devices/*.json")

    bad_dir = root / "tests" / "data" / "bad"
    present = {p.name for p in bad_dir.glob("*.json")} if bad_dir.is_dir() else set()
    for file_name, rule in sorted(SCHEMA_ERRORS.items()):
        name = pathlib.Path("tests/data/bad") / file_name
        if file_name not in present:
            print(f"FAIL {name}: listed as a schema-level error but missing; update SCHEMA_ERRORS")
            failures += 1
            continue
        try:
            error = first_error(validators[schema_path], load(bad_dir / file_name))
        except ValueError as e:
            error = f"invalid JSON: {e}"
        if error:
            print(f"ok   {name}: rejected ({error})")
        else:
            print(f"FAIL {name}: accepted, but it should be rejected ({rule})")
            failures += 1
    for file_name in sorted(present - SCHEMA_ERRORS.keys()):
        print(f"--   tests/data/bad/{file_name}: not schema-level, left to memsnn validate")

    for label, file_name, rule, edit in INLINE_BAD:
        is_protocol = file_name.startswith("scenarios/devices/")
        document = copy.deepcopy(load(root / file_name))
        edit(document)
        validator = validators[protocol_schema_path if is_protocol else schema_path]
        error = first_error(validator, document)
        if not error:
            print(f"FAIL edit {label} of {file_name}: accepted, but it should be rejected ({rule})")
            failures += 1
            continue
        line = f"edit {label}: rejected ({error})"
        if memsnn is not None:
            code, message = memsnn_rejects(memsnn, document, is_protocol)
            if code != 2:
                print(f"FAIL {line}, but memsnn exits with {code} ({message[:120]}): the schema "
                      "and memsnn disagree")
                failures += 1
                continue
            line += ", as by memsnn"
        print(f"ok   {line}")

    if memsnn is None:
        print("--   generated definitions not compared with `memsnn models` (no memsnn binary; "
              "pass --memsnn PATH)")
    else:
        try:
            defs = schemas[schema_path].get("$defs", {})
            generated = generated_defs(parse_models(models_text(memsnn)), defs)
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            print(f"FAIL {memsnn} models: {e}")
            return 1
        stale = sorted(k for k in defs if generated_block(k) and k not in generated)
        drift = [k for k, v in generated.items() if defs.get(k) != v] + stale
        if drift:
            print(f"FAIL scenarios/scenario.schema.json: generated definitions differ from "
                  f"`{memsnn} models` ({', '.join(drift[:6])}"
                  f"{', ...' if len(drift) > 6 else ''}): a model, parameter or recordable "
                  "variable changed; regenerate them with  /usr/bin/python3 "
                  f"{REGENERATE} --memsnn {memsnn}")
            failures += 1
        else:
            counts = {b: sum(1 for k in generated if generated_block(k) == b)
                      for b in ("quantities", "devices", "populations", "learning")}
            print(f"ok   scenarios/scenario.schema.json: {len(generated)} generated definitions "
                  f"({', '.join(f'{n} {b}' for b, n in counts.items())}) match `memsnn models`")

    print(f"{'FAILED' if failures else 'passed'}: {len(scenarios)} scenarios, "
          f"{len(protocols)} pulse protocols, {len(SCHEMA_ERRORS)} schema-level bad files, "
          f"{len(INLINE_BAD)} rejected edits, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
