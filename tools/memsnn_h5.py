"""Reading helpers for memsnn output files (HDF5, SONATA layout), shared by the plotting tools.

    /spikes/<population>/timestamps, node_ids        spike times (ms) and neuron indices
    /report/<name>/data [samples x nodes]             attributes units, variable; the group has
                                                      attribute population or projection
    /report/<name>/mapping/node_ids, time             neuron or synapse ids; [start, stop, step]
    /memsnn                                           run attributes, scenario JSON,
                                                      populations/<name>, projections/<name>

Imported by tools/plot.py and tools/plot_traces.py (Debian's python3-h5py and python3-numpy;
run with /usr/bin/python3). A missing package ends the program with a message naming it.
"""
import json
import os
import sys

try:
    import h5py
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"{os.path.basename(sys.argv[0]) or 'memsnn_h5'}: the Python module {error.name} "
             "is missing; install python3-h5py, python3-numpy and python3-matplotlib "
             "(apt-get install python3-h5py python3-numpy python3-matplotlib) and run with "
             "/usr/bin/python3")


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def open_file(path, prog):
    """The file opened for reading, or exit with a message naming `prog`."""
    if not os.path.exists(path):
        sys.exit(f"{prog}: cannot open {path}: no such file")
    try:
        return h5py.File(path, "r")
    except OSError as error:
        sys.exit(f"{prog}: cannot open {path}: {error}")


def report_names(f):
    return list(f["report"].keys()) if "report" in f else []


def spike_populations(f):
    return list(f["spikes"].keys()) if "spikes" in f else []


def read_report(f, name):
    """One report: time [samples] in ms, data [samples x nodes], ids, units, variable, owner."""
    group = f[f"report/{name}"]
    data = group["data"][:]
    start, _stop, step = group["mapping/time"][:]
    time = start + step * np.arange(data.shape[0])
    return {
        "name": name,
        "time": time,
        "data": data,
        "nodes": group["mapping/node_ids"][:],
        "units": text(group["data"].attrs.get("units", "")),
        "variable": text(group["data"].attrs.get("variable", name)),
        "population": text(group.attrs.get("population", "")),
        "projection": text(group.attrs.get("projection", "")),
    }


def read_spikes(f, population):
    """(timestamps in ms, node ids) of a recorded population."""
    group = f[f"spikes/{population}"]
    return group["timestamps"][:], group["node_ids"][:]


def scenario(f):
    """The scenario JSON as run (a dict; empty when the file has none)."""
    if "memsnn" not in f or "scenario" not in f["memsnn"]:
        return {}
    try:
        return json.loads(text(f["memsnn/scenario"][()]))
    except ValueError:
        return {}


def duration_ms(f):
    return float(f["memsnn"].attrs["duration_ms"]) if "memsnn" in f and \
        "duration_ms" in f["memsnn"].attrs else None


def title(f, fallback):
    return text(f["memsnn"].attrs.get("scenario_name", fallback)) if "memsnn" in f else fallback


def population_size(f, population):
    """The population's size from /memsnn/populations, or None."""
    key = f"memsnn/populations/{population}"
    if key in f and "size" in f[key].attrs:
        return int(f[key].attrs["size"])
    return None


def population_type(f, population):
    key = f"memsnn/populations/{population}"
    return text(f[key].attrs.get("type", "")) if key in f else ""


def _projection_entry(f, name):
    """The projection's entry of the scenario as run (matched by its name), or None."""
    for entry in scenario(f).get("projections", []):
        if entry.get("name", f"{entry.get('source')}_to_{entry.get('target')}") == name:
            return entry
    return None


def _size_of(f, population):
    size = population_size(f, population)
    if size is None:
        populations = scenario(f).get("populations", {})
        if isinstance(populations, dict) and population in populations:
            size = int(populations[population].get("size", 1))
    return size


def synapse_mapping(f, projection):
    """(source ids, target ids, source population, target population, reason): the source and
    target neuron of every synapse of a projection, indexed by synapse id (creation order);
    reason is None, or says why the ids are None.

    Taken from the file when it holds the mapping (/memsnn/projections/<name>/source_ids and
    target_ids, or SONATA /edges/<name>/source_node_id and target_node_id), else rebuilt from the
    scenario as run for the deterministic connection rules (all_to_all, one_to_one, list; the
    creation order of scenarios/README.md). Random rules cannot be rebuilt from the file.
    """
    entry = _projection_entry(f, projection) or {}
    source, target = entry.get("source"), entry.get("target")
    for group, s_key, t_key in ((f"memsnn/projections/{projection}", "source_ids", "target_ids"),
                                (f"edges/{projection}", "source_node_id", "target_node_id")):
        if group in f and s_key in f[group] and t_key in f[group]:
            return (f[group][s_key][:].astype(np.int64), f[group][t_key][:].astype(np.int64),
                    source, target, None)
    if not entry:
        return None, None, None, None, (f"the scenario in the file has no projection "
                                        f"\"{projection}\"")
    connect = entry.get("connect", {})
    rule = connect.get("rule", "")
    n_source, n_target = _size_of(f, source), _size_of(f, target)
    if rule == "all_to_all" and n_source and n_target:
        s, t = np.divmod(np.arange(n_source * n_target, dtype=np.int64), n_target)
        if source == target and connect.get("allow_autapses", True) is False:
            keep = s != t
            s, t = s[keep], t[keep]
    elif rule == "one_to_one" and n_source:
        s = t = np.arange(n_source, dtype=np.int64)
    elif rule == "list":
        pairs = connect.get("pairs", [])
        s = np.array([int(p[0]) for p in pairs], dtype=np.int64)
        t = np.array([int(p[1]) for p in pairs], dtype=np.int64)
    else:
        return None, None, source, target, (
            f"the file holds no synapse-to-target mapping of projection \"{projection}\", and its "
            f"connection rule \"{rule}\" is random (only all_to_all, one_to_one and list can be "
            "rebuilt from the scenario)")
    count_key = f"memsnn/projections/{projection}"
    if count_key in f and "synapses" in f[count_key].attrs:
        expected = int(f[count_key].attrs["synapses"])
        if expected != len(s):
            return None, None, source, target, (
                f"rebuilding projection \"{projection}\" from its scenario gives {len(s)} "
                f"synapses, but the file says {expected}")
    return s, t, source, target, None
