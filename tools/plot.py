#!/usr/bin/python3
"""Draws figures from any memsnn output file (HDF5, SONATA layout); each subcommand writes a PNG.

usage: tools/plot.py --list OUT.h5                    what the file holds
       tools/plot.py raster  OUT.h5 -o FIG.png [--populations NAME ...] [--start MS] [--stop MS]
                                               [--rate] [--bin MS] [--marks]
       tools/plot.py traces  OUT.h5 -o FIG.png [options of tools/plot_traces.py]
       tools/plot.py weights OUT.h5 -o FIG.png [--report NAME] [--at MS ...] [--shape RxC]
                                               [--per-target [--targets ID ...]] [--vmin V]
                                               [--vmax V] [--cmap NAME]
       tools/plot.py hist    OUT.h5 -o FIG.png [--report NAME] [--at MS ...] [--bins N] [--log]
       tools/plot.py window  OUT.h5 -o FIG.png --report NAME [options of tools/plot_window.py]

raster   spike raster of the recorded populations (default all, one panel each, y = neuron
         index) over a time window (default the whole run); --rate adds the population rate
         (spikes per neuron per second, in bins of --bin ms) below; --marks draws the onsets
         that input encoders stored (/memsnn/populations/<name>/*_start: image presentations,
         pattern slots, embedded patterns) as vertical lines, labelled (label, slot_pattern).
traces   recorded variables against time: tools/plot_traces.py (same options).
weights  colour maps of a report's values at chosen times (--at, nearest sample; default the
         first, middle and last sample), one shared colour bar with the report's units. The
         recorded synapses (report order) are laid out as a grid: --shape 4x4 (default square
         when the count is a square, else one row). --per-target instead draws one map per target
         neuron (columns; rows are times) of the weights of its incoming synapses, placed by
         source index (grid --shape, default square when the source population is, else one
         row; no synapse: blank). The synapse-to-target mapping comes from the file when it
         stores one (/memsnn/projections/<name>/source_ids, target_ids or SONATA /edges), else
         from the scenario as run for the rules all_to_all, one_to_one and list.
hist     histograms of a report's values at chosen times (default the first and last sample),
         --bins N (default 30) over the common range, --log for a log count axis.
window   a plasticity window from a protocol scenario: tools/plot_window.py (same options).

--report may be left out when the file has exactly one projection report. Exit code 0 on
success, 1 when the file lacks what was asked for (the message says what it has), 2 for a bad
command line.

Needs Debian's python3-h5py, python3-numpy and python3-matplotlib (run with /usr/bin/python3).
"""
import argparse
import importlib
import inspect
import math
import os
import sys

try:
    import h5py
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot.py: the Python module {error.name} is missing; install python3-h5py, "
             "python3-numpy and python3-matplotlib (apt-get install python3-h5py python3-numpy "
             "python3-matplotlib) and run with /usr/bin/python3")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import memsnn_h5 as h5  # noqa: E402  (tools/memsnn_h5.py)

PROG = "plot.py"
DELEGATED = {"traces": "plot_traces", "window": "plot_window"}


def fail(message):
    sys.exit(f"{PROG}: {message}")


# ---------------------------------------------------------------------------------------------
# --list

def list_file(path):
    with h5.open_file(path, PROG) as f:
        print(f"file {path}: scenario {h5.title(f, '?')}, duration {h5.duration_ms(f)} ms")
        pops = h5.spike_populations(f)
        duration = h5.duration_ms(f)
        print("spikes" + ("" if pops else ": none recorded"))
        for name in pops:
            n = len(f[f"spikes/{name}/timestamps"])
            size = h5.population_size(f, name)
            rate = (f", {n / size / duration * 1e3:.4g} Hz per neuron"
                    if size and duration else "")
            print(f"  {name} ({h5.population_type(f, name)}, size {size}): {n} spikes{rate}")
        reports = h5.report_names(f)
        print("reports" + ("" if reports else ": none"))
        for name in reports:
            group = f[f"report/{name}"]
            owner = ("projection " + h5.text(group.attrs["projection"])
                     if "projection" in group.attrs
                     else "population " + h5.text(group.attrs.get("population", "?")))
            samples, nodes = group["data"].shape
            start, stop, step = group["mapping/time"][:]
            units = h5.text(group["data"].attrs.get("units", ""))
            variable = h5.text(group["data"].attrs.get("variable", name))
            print(f"  {name}: {variable} [{units}] of {owner}, shape {samples} samples x {nodes} "
                  f"{'synapses' if 'projection' in group.attrs else 'nodes'}, "
                  f"t = {start:g} to {start + step * (samples - 1):g} ms step {step:g}")
        if "memsnn/projections" in f:
            print("projections")
            for name, group in f["memsnn/projections"].items():
                device = h5.text(group.attrs.get("device", ""))
                _, _, source, target, reason = h5.synapse_mapping(f, name)
                print(f"  {name}: {source} -> {target}, {group.attrs.get('synapses', '?')} "
                      f"{h5.text(group.attrs.get('synapse', '?'))} synapses"
                      f"{' (' + device + ')' if device else ''}, per-target mapping "
                      f"{'available' if reason is None else 'not available'}")
        if "memsnn/populations" in f:
            extra = [(name, key, group[key].shape)
                     for name, group in f["memsnn/populations"].items()
                     for key in group.keys() if isinstance(group[key], h5py.Dataset)]
            if extra:
                print("population data")
                for name, key, shape in extra:
                    print(f"  {name}/{key}: {shape}")


# ---------------------------------------------------------------------------------------------
# helpers

def save(fig, path):
    try:
        fig.savefig(path, dpi=100)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    plt.close(fig)
    print(f"wrote {path}")


def pick_report(f, path, name):
    """The report `name`, or the only projection report of the file."""
    names = h5.report_names(f)
    if not names:
        fail(f"{path} has no reports (nothing was recorded but spikes)")
    if name is None:
        projection_reports = [n for n in names if "projection" in f[f"report/{n}"].attrs]
        if len(projection_reports) != 1:
            fail(f"give --report NAME; {path} has "
                 + (f"{len(projection_reports)} projection reports" if projection_reports
                    else "no projection report") + ". Its reports: " + ", ".join(names))
        name = projection_reports[0]
    if name not in names:
        fail(f"no report \"{name}\" in {path}; it has: " + ", ".join(names))
    return h5.read_report(f, name)


def sample_indices(report, at):
    """Indices of the samples nearest to the times `at` (default first, middle, last)."""
    time = report["time"]
    if len(time) == 0:
        fail(f"report \"{report['name']}\" has no samples")
    if not at:
        return None
    step = time[1] - time[0] if len(time) > 1 else 0.0
    indices = []
    for t in at:
        if t < time[0] - step or t > time[-1] + step:
            fail(f"report \"{report['name']}\" has no sample near {t:g} ms (its samples run from "
                 f"{time[0]:g} to {time[-1]:g} ms, step {step:g} ms)")
        indices.append(int(np.argmin(np.abs(time - t))))
    return indices


def parse_shape(text):
    try:
        rows, cols = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected ROWSxCOLUMNS such as 4x4, got \"{text}\"")
    if rows < 1 or cols < 1:
        raise argparse.ArgumentTypeError(f"rows and columns must be >= 1, got \"{text}\"")
    return rows, cols


def default_shape(n):
    root = math.isqrt(n)
    return (root, root) if root * root == n else (1, n)


def label_of(report):
    unit = report["units"]
    return f"{report['variable']} ({unit})" if unit and unit != "1" else report["variable"]


def nice_bin(width):
    """A round bin width (1, 2 or 5 times a power of ten) near width / 100."""
    raw = max(width / 100.0, 1e-9)
    power = 10.0 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda b: abs(b - raw))


# ---------------------------------------------------------------------------------------------
# raster

LABEL_COLUMNS = ("label", "slot_pattern", "pattern")  # what a *_start column's events show


def encoder_marks(f):
    """(population, column, start times, labels or None) of every input schedule in the file:
    the /memsnn/populations/<name>/<x>_start columns (presentation_start of image_poisson,
    slot_start of pattern_slots, pattern_start of embedded_pattern)."""
    marks = []
    if "memsnn/populations" not in f:
        return marks
    for name, group in f["memsnn/populations"].items():
        for column in group.keys():
            if not column.endswith("_start") or not isinstance(group[column], h5py.Dataset):
                continue
            times = group[column][:].astype(float)
            labels = None
            for candidate in LABEL_COLUMNS:
                if candidate in group and group[candidate].shape == times.shape:
                    labels = group[candidate][:].astype(float)
                    break
            marks.append((name, column, times, labels))
    return marks


def raster(args):
    with h5.open_file(args.file, PROG) as f:
        available = h5.spike_populations(f)
        if not available:
            fail(f"{args.file} has no recorded spikes (no /spikes group)")
        names = args.populations or available
        for name in names:
            if name not in available:
                fail(f"no spikes of population \"{name}\" in {args.file}; it has spikes of: "
                     + ", ".join(available))
        duration = h5.duration_ms(f)
        spikes = {name: h5.read_spikes(f, name) for name in names}
        sizes = {}
        for name in names:
            ids = spikes[name][1]
            sizes[name] = h5.population_size(f, name) or (int(ids.max()) + 1 if len(ids) else 1)
        title = args.title or h5.title(f, args.file)
        marks = encoder_marks(f) if args.marks else []
        if args.marks and not marks:
            fail(f"--marks: {args.file} holds no input schedule (a /memsnn/populations/<name>/"
                 "<column>_start column, written by pattern and image sources)")
    start = args.start if args.start is not None else 0.0
    stop = args.stop if args.stop is not None else (
        duration if duration else max((t[-1] for t, _ in spikes.values() if len(t)), default=1.0))
    if stop <= start:
        fail(f"--stop ({stop:g} ms) must be after --start ({start:g} ms)")
    ratios = [1.0 + math.log10(sizes[n]) for n in names] + ([1.6] if args.rate else [])
    fig, axes = plt.subplots(len(ratios), 1, sharex=True, squeeze=False,
                             figsize=(8, 0.9 + 0.9 * sum(ratios)),
                             gridspec_kw={"height_ratios": ratios})
    axes = axes[:, 0]
    bin_ms = args.bin if args.bin is not None else nice_bin(stop - start)
    if bin_ms <= 0:
        fail(f"--bin must be > 0, got {bin_ms:g}")
    edges = np.minimum(start + bin_ms * np.arange(math.ceil((stop - start) / bin_ms) + 1), stop)
    for ax, name in zip(axes, names):
        t, ids = spikes[name]
        keep = (t >= start) & (t <= stop)
        t, ids = t[keep], ids[keep]
        marker, size = ("|", 4.0) if len(t) < 20000 else (",", 1.0)
        ax.plot(t, ids, marker, ms=size, mew=0.6, color="k", ls="none")
        ax.set_ylim(-0.5, sizes[name] - 0.5)
        ax.set_ylabel(f"{name}\nneuron", fontsize=8)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.text(1.0, 1.0, f"{len(t)} spikes", transform=ax.transAxes, ha="right", va="bottom",
                fontsize=7, color="0.4")
        if args.rate:
            counts, _ = np.histogram(t, bins=edges)
            rate = counts / (sizes[name] * np.diff(edges) * 1e-3)
            axes[-1].stairs(rate, edges, lw=1.0, label=name)
    for k, (population, column, times, labels) in enumerate(marks):
        color = f"C{(k + 2) % 10}"
        inside = (times >= start) & (times <= stop)
        for ax in axes:
            ax.vlines(times[inside], 0, 1, transform=ax.get_xaxis_transform(), color=color,
                      lw=0.6, alpha=0.5, zorder=0)
        if labels is not None and 0 < inside.sum() <= 60:
            for t, label in zip(times[inside], labels[inside]):
                axes[0].text(t, 1.0, f"{label:g}", transform=axes[0].get_xaxis_transform(),
                             fontsize=6, color=color, ha="left", va="bottom")
        axes[0].text(0.0, 1.0 + 0.12 * (k + 1), f"{population}/{column}",
                     transform=axes[0].transAxes, fontsize=6, color=color, va="bottom")
    if args.rate:
        axes[-1].set_ylabel(f"rate (Hz)\nbins {bin_ms:g} ms", fontsize=8)
        axes[-1].set_ylim(bottom=0)
        if len(names) > 1:
            axes[-1].legend(fontsize=7, loc="upper right")
    axes[-1].set_xlim(start, stop)
    axes[-1].set_xlabel("time (ms)")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    save(fig, args.output)


# ---------------------------------------------------------------------------------------------
# weights

def target_maps(f, args, report, rows):
    """Per target neuron: the maps [row][target] of its incoming synapses' values."""
    projection = report["projection"]
    if not projection:
        fail(f"--per-target needs a report over a projection; \"{report['name']}\" is over "
             f"population {report['population']}")
    sources, targets, source_pop, _target_pop, reason = h5.synapse_mapping(f, projection)
    if reason is not None:
        fail(f"--per-target: {reason}; use --shape instead")
    synapses = report["nodes"].astype(np.int64)
    if synapses.size and synapses.max() >= len(sources):
        fail(f"report \"{report['name']}\" names synapse {synapses.max()}, but projection "
             f"\"{projection}\" has {len(sources)}")
    src, tgt = sources[synapses], targets[synapses]
    chosen = args.targets if args.targets else sorted(set(int(t) for t in tgt))
    missing = [t for t in chosen if t not in set(int(v) for v in tgt)]
    if missing:
        fail(f"--targets: no recorded synapse of report \"{report['name']}\" ends on target "
             f"neuron(s) {missing}")
    if not args.targets and len(chosen) > 16:
        print(f"{PROG}: drawing the first 16 of {len(chosen)} targets (choose with --targets)")
        chosen = chosen[:16]
    n_sources = h5.population_size(f, source_pop) if source_pop else None
    n_sources = n_sources or int(src.max()) + 1
    shape = args.shape or default_shape(n_sources)
    if shape[0] * shape[1] < n_sources:
        fail(f"--shape {shape[0]}x{shape[1]} holds {shape[0] * shape[1]} values, but source "
             f"population {source_pop} has {n_sources} neurons")
    maps = []
    for row in rows:
        values = report["data"][row]
        line = []
        for target in chosen:
            mine = tgt == target
            total = np.zeros(shape[0] * shape[1])
            count = np.zeros(shape[0] * shape[1])
            np.add.at(total, src[mine], values[mine])  # several synapses of a pair: their mean
            np.add.at(count, src[mine], 1)
            with np.errstate(invalid="ignore"):
                line.append((total / np.where(count > 0, count, np.nan)).reshape(shape))
        maps.append(line)
    return maps, [f"target {t}" for t in chosen], f"{source_pop} neuron index (row-major)"


def weights(args):
    with h5.open_file(args.file, PROG) as f:
        report = pick_report(f, args.file, args.report)
        rows = sample_indices(report, args.at)
        n_samples = len(report["time"])
        if rows is None:
            rows = sorted(set([0, (n_samples - 1) // 2, n_samples - 1]))
        if args.per_target:
            maps, columns, note = target_maps(f, args, report, rows)
        else:
            if args.targets:
                fail("--targets needs --per-target")
            n = report["data"].shape[1]
            shape = args.shape or default_shape(n)
            if shape[0] * shape[1] != n:
                fail(f"--shape {shape[0]}x{shape[1]} holds {shape[0] * shape[1]} values, but "
                     f"report \"{report['name']}\" has {n} recorded "
                     f"{'synapses' if report['projection'] else 'nodes'}")
            maps = [[report["data"][row].reshape(shape)] for row in rows]
            columns = [None]
            note = (f"{'synapse' if report['projection'] else 'node'} ids "
                    f"{int(report['nodes'][0])}..{int(report['nodes'][-1])} in report order, "
                    "row-major")
        title = args.title or f"{h5.title(f, args.file)}: {report['name']}"
    stack = np.array([m for line in maps for m in line], dtype=float)
    if np.all(np.isnan(stack)):
        fail(f"report \"{report['name']}\" has no values to draw")
    vmin = args.vmin if args.vmin is not None else float(np.nanmin(stack))
    vmax = args.vmax if args.vmax is not None else float(np.nanmax(stack))
    if vmax <= vmin:
        vmax = vmin + (abs(vmin) * 1e-6 or 1e-12)
    if len(maps[0]) == 1:  # one map per time: lay the times out side by side
        maps = [[line[0] for line in maps]]
        titles = [[f"t = {report['time'][row]:g} ms" for row in rows]]
    else:  # rows are times, columns target neurons
        titles = [[(f"{c}\n" if i == 0 else "") + f"t = {report['time'][row]:g} ms"
                   for c in columns] for i, row in enumerate(rows)]
    n_rows, n_cols = len(maps), len(maps[0])
    height, width = maps[0][0].shape
    panel_w = 2.2 if width <= 4 * height else max(6.5 / n_cols, 1.0)
    panel_h = min(max(panel_w * height / width, 0.5), 2.2)
    fig, axes = plt.subplots(n_rows, n_cols, squeeze=False, layout="constrained",
                             figsize=(min(1.5 + panel_w * n_cols, 18),
                                      0.9 + (panel_h + 0.5) * n_rows))
    try:
        cmap = plt.get_cmap(args.cmap).copy()
    except ValueError:
        fail(f"--cmap: no matplotlib colour map \"{args.cmap}\"")
    cmap.set_bad("white")
    for i in range(n_rows):
        for j in range(n_cols):
            ax = axes[i, j]
            image = ax.imshow(maps[i][j], cmap=cmap, vmin=vmin, vmax=vmax,
                              interpolation="nearest", aspect="auto")
            ax.set_title(titles[i][j], fontsize=8)
            ax.set_yticks([])
            if height == 1 and i == n_rows - 1:  # one row of values: index along x
                ax.xaxis.get_major_locator().set_params(integer=True)
                ax.tick_params(labelsize=7)
            else:
                ax.set_xticks([])
    bar = fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.85)
    bar.set_label(label_of(report))
    fig.suptitle(title, fontsize=10)
    fig.supxlabel(note, fontsize=7, color="0.4")
    save(fig, args.output)


# ---------------------------------------------------------------------------------------------
# hist

def hist(args):
    with h5.open_file(args.file, PROG) as f:
        report = pick_report(f, args.file, args.report)
        rows = sample_indices(report, args.at)
        if rows is None:
            rows = sorted(set([0, len(report["time"]) - 1]))
        title = args.title or f"{h5.title(f, args.file)}: {report['name']}"
    values = [report["data"][row] for row in rows]
    finite = np.concatenate([v[np.isfinite(v)] for v in values])
    if finite.size == 0:
        fail(f"report \"{report['name']}\" has no finite values at the chosen times")
    low, high = float(finite.min()), float(finite.max())
    if high <= low:
        high = low + (abs(low) * 1e-6 or 1e-12)
    edges = np.linspace(low, high, args.bins + 1)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for v, row in zip(values, rows):
        ax.hist(v[np.isfinite(v)], bins=edges, histtype="step", lw=1.4,
                label=f"t = {report['time'][row]:g} ms")
    if args.log:
        ax.set_yscale("log")
    ax.set_xlabel(label_of(report))
    ax.set_ylabel("synapses" if report["projection"] else "nodes")
    ax.legend(fontsize=8)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    save(fig, args.output)


# ---------------------------------------------------------------------------------------------
# command line

def delegate(command, argv):
    """Runs tools/plot_traces.py or tools/plot_window.py with `argv` (traces: its own --list)."""
    module = importlib.import_module(DELEGATED[command])
    prog = f"{PROG} {command}"
    if command == "window" and not {"-h", "--help"} & set(argv):
        # plot_window.py expects a protocol output: check what it reads, for a clear message.
        peek = argparse.ArgumentParser(prog=prog, add_help=False)
        peek.add_argument("file", nargs="?")
        for option in ("--report", "-o", "--output", "--x"):
            peek.add_argument(option)
        known, _ = peek.parse_known_args([a for a in argv if a not in ("--list", "--us")])
        if known.file is None:
            fail(f"{command}: give the output file of a protocol scenario")
        if "--list" in argv:
            return list_file(known.file)
        with h5.open_file(known.file, PROG) as f:
            names = h5.report_names(f)
            if known.report is not None and known.report not in names:
                fail(f"no report \"{known.report}\" in {known.file}; it has: "
                     + (", ".join(names) or "no reports"))
            populations = h5.scenario(f).get("populations", {})
            if "pre" not in populations:
                fail(f"{command}: {known.file} is not the output of a plasticity protocol (its "
                     "scenario has no population \"pre\"; see scenarios/protocols/)")
    if "argv" in inspect.signature(module.main).parameters:
        return module.main(argv, prog=prog)
    saved = sys.argv  # a main() without parameters reads sys.argv (and names itself after [0])
    sys.argv = [prog] + list(argv)
    try:
        return module.main()
    finally:
        sys.argv = saved


def build_parser():
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--list", metavar="FILE", help="print what the file holds and exit")
    commands = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    def common(p):
        p.add_argument("file", help="memsnn output file (HDF5)")
        p.add_argument("-o", "--output", help="PNG file to write (required)")
        p.add_argument("--title", default=None, help="figure title")
        p.add_argument("--list", dest="list_file", action="store_true",
                       help="print what the file holds and exit")

    p = commands.add_parser("raster", help="spike raster (and population rate)")
    common(p)
    p.add_argument("--populations", nargs="+", default=None, help="populations (default all)")
    p.add_argument("--start", type=float, default=None, help="first time shown (ms)")
    p.add_argument("--stop", type=float, default=None, help="last time shown (ms)")
    p.add_argument("--rate", action="store_true", help="add the population rate below")
    p.add_argument("--bin", type=float, default=None,
                   help="rate bin width (ms; default about 1/100 of the window)")
    p.add_argument("--marks", action="store_true",
                   help="mark the input schedule (pattern and image onsets, with their labels)")
    p.set_defaults(run=raster)

    p = commands.add_parser("weights", help="weight maps at chosen times")
    common(p)
    p.add_argument("--report", default=None, help="report (default: the only projection report)")
    p.add_argument("--at", nargs="+", type=float, default=None,
                   help="times (ms) of the panels (nearest sample; default first/middle/last)")
    p.add_argument("--shape", type=parse_shape, default=None, help="grid ROWSxCOLUMNS, e.g. 4x4")
    p.add_argument("--per-target", action="store_true",
                   help="one map per target neuron of its incoming synapses, by source index")
    p.add_argument("--targets", nargs="+", type=int, default=None,
                   help="target neurons to draw with --per-target (default all, at most 16)")
    p.add_argument("--vmin", type=float, default=None, help="colour scale minimum")
    p.add_argument("--vmax", type=float, default=None, help="colour scale maximum")
    p.add_argument("--cmap", default="viridis", help="matplotlib colour map (default viridis)")
    p.set_defaults(run=weights)

    p = commands.add_parser("hist", help="histograms of a report's values at chosen times")
    common(p)
    p.add_argument("--report", default=None, help="report (default: the only projection report)")
    p.add_argument("--at", nargs="+", type=float, default=None,
                   help="times (ms; nearest sample; default first and last)")
    p.add_argument("--bins", type=int, default=30, help="number of bins (default 30)")
    p.add_argument("--log", action="store_true", help="logarithmic count axis")
    p.set_defaults(run=hist)

    commands.add_parser("traces", add_help=False,
                        help="variables against time (tools/plot_traces.py; its options)")
    commands.add_parser("window", add_help=False,
                        help="plasticity window (tools/plot_window.py; its options)")
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in DELEGATED:
        return delegate(argv[0], argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list:
        if args.command:
            parser.error("--list FILE takes no subcommand")
        return list_file(args.list)
    if not args.command:
        parser.error("give a subcommand (raster, traces, weights, hist, window) or --list FILE")
    if args.list_file:
        return list_file(args.file)
    if not args.output:
        parser.error(f"{args.command}: -o FIGURE.png is required")
    if getattr(args, "bins", 1) < 1:
        parser.error("--bins must be >= 1")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
