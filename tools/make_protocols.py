#!/usr/bin/python3
"""Writes the plasticity protocol scenarios of scenarios/protocols/ (one synapse per point of
the curve, forced spike times), so each can be regenerated or varied.

usage: tools/make_protocols.py [--check]   (--check: compare with the files, write nothing)

Every protocol has a population `pre` (spike_times: element i drives synapse i), usually
`post_drive` (spike_times) that forces neuron i of `post` to fire through 20 mV kicks, and a
report over the plastic projection; tools/plot_window.py draws the curve. Spike times are
sent 1 ms early because both paths have 1 ms delays.

Needs only the Python standard library (run with /usr/bin/python3).
"""
import argparse
import json
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "scenarios" / "protocols"


def ms(t):
    return f"{round(t, 9):.9g} ms"


def scenario(name, description, duration, pre, post, synapse, learning, report, t_ref="0.5 ms"):
    n = len(pre)
    s = {
        "$schema": "../scenario.schema.json",
        "name": name,
        "description": description,
        "seed": 1,
        "duration": duration,
        "populations": {
            "pre": {"type": "spike_times", "size": n,
                    "params": {"spike_times": [[ms(t - 1) for t in ts] for ts in pre]}},
        },
        "projections": [dict(name="plastic", source="pre", target="post",
                             connect={"rule": "one_to_one"},
                             synapse=dict(synapse, delay="1 ms"), learning=learning)],
        "record": [{"what": "spikes", "population": "post"},
                   dict(report, projection="plastic")],
    }
    if post is not None:
        s["populations"]["post_drive"] = {
            "type": "spike_times", "size": n,
            "params": {"spike_times": [[ms(t - 1) for t in ts] for ts in post]}}
        s["projections"].append({"name": "kick", "source": "post_drive", "target": "post",
                                 "connect": {"rule": "one_to_one"},
                                 "synapse": {"type": "static", "weight": "20 mV",
                                             "delay": "1 ms"}})
    s["populations"]["post"] = {"type": "lif", "size": n, "params": {"t_ref": t_ref}}
    return s


def pairs(dts, at=200.0):
    return [[at] for _ in dts], [[at + dt] for dt in dts]


def steps(lo, hi, step):
    n = int(round((hi - lo) / step))
    return [lo + k * step for k in range(n + 1)]


def yu_train(sign=1):
    # Yu et al. 2011: 10 ms slots, -1.0 then +1.0 ... +0.2 V; signs flipped for VTEAM, whose
    # negative voltages move it toward ON.
    return [{"duration": "10 ms", "voltage": f"{sign * a:g} V"}
            for a in (-1.0, 1.0, 0.8, 0.6, 0.4, 0.2)]


def protocols():
    out = {}
    dts = steps(-100, 100, 5)
    out["stdp_window"] = scenario(
        "stdp_window",
        "Pair STDP window: element i of `pre` arrives at 200 ms and element i of `post` is forced "
        "to fire at 200 ms + dt_i (dt from -100 to +100 ms in 5 ms steps), one pair per synapse; "
        "the final weights trace the exponential window (A_plus = A_minus = 0.1 mV, tau_plus "
        "16.8 ms, tau_minus 33.7 ms).",
        "400 ms", *pairs(dts), {"type": "static", "weight": "1 mV"},
        {"type": "stdp", "params": {"A_plus": "0.1 mV", "A_minus": "0.1 mV", "w_max": "10 mV"}},
        {"what": "weight", "interval": "10 ms", "name": "w"})

    dts = steps(-6e-3, 6e-3, 0.25e-3)
    out["second_order_window"] = scenario(
        "second_order_window",
        "Non-overlap STDP with a second-order memristor: identical 100 ns spikes on opposite "
        "terminals (the pre spike puts -1 V across the device, the post spike +1 V); dt from -6 "
        "to +6 us. The second spike finds the residual heat of the first: potentiation for "
        "dt > 0, depression for dt < 0, vanishing beyond a few tau_T = 500 ns.",
        "400 ms", *pairs(dts),
        {"type": "two_terminal", "read_voltage": "100 mV", "gain": "1 Ohm",
         "pre_waveform": [{"duration": "100 ns", "voltage": "-1 V"}],
         "device": {"type": "second_order", "init": {"w": 0.5}}},
        {"type": "post_pulses",
         "params": {"post_waveform": [{"duration": "100 ns", "voltage": "-1 V"}]}},
        {"what": "w", "interval": "10 ms", "name": "w"})

    dts = steps(-15, 15, 0.5)
    out["1t1r_window"] = scenario(
        "1t1r_window",
        "1T1R STDP window with binary RRAM from HRS: the presynaptic spike opens the gate for "
        "10 ms; the postsynaptic feedback is a 1.2 V set pulse (1 ms) and a -1.6 V reset pulse "
        "10 ms later. Potentiation only for 0 < dt < 10 ms (the gate catches the set pulse); dt "
        "from -15 to +15 ms.",
        "400 ms", *pairs(dts),
        {"type": "1t1r", "gate_width": "10 ms", "read_voltage": "100 mV", "gain": "1 Ohm",
         "device": {"type": "rram", "params": {"mode": "binary"}, "init": {"x": 0}}},
        {"type": "post_pulses", "params": {"post_waveform": [
            {"duration": "1 ms", "voltage": "1.2 V"}, {"duration": "9 ms", "voltage": "0 V"},
            {"duration": "1 ms", "voltage": "-1.6 V"}]}},
        {"what": "G", "interval": "10 ms", "name": "G"})

    out["pcm_1t1r_window"] = scenario(
        "pcm_1t1r_window",
        "1T1R STDP with a phase-change cell (Ambrogio et al. 2016 Front. Neurosci.): the gate is "
        "open 10 ms from the presynaptic arrival; the postsynaptic feedback is two positive "
        "pulses, a 1.5 V set pulse (partial crystallisation) and 10 ms later a 2.5 V melting "
        "pulse (reset to the amorphous G_min). From x = 0.4: one set step for 0 <= dt < 10 ms, "
        "reset for -10 < dt < 0; dt from -15 to +15 ms.",
        "400 ms", *pairs(dts),
        {"type": "1t1r", "gate_width": "10 ms", "read_voltage": "100 mV", "gain": "1 Ohm",
         "device": {"type": "pcm", "init": {"x": 0.4}}},
        {"type": "post_pulses", "params": {"post_waveform": [
            {"duration": "1 ms", "voltage": "1.5 V"}, {"duration": "9 ms", "voltage": "0 V"},
            {"duration": "1 ms", "voltage": "2.5 V"}]}},
        {"what": "G", "interval": "10 ms", "name": "G"})

    dts = steps(-60, 60, 2.5)
    out["overlap_stdp_window"] = scenario(
        "overlap_stdp_window",
        "Overlap STDP on a two-terminal VTEAM device (Yu et al. 2011 style): each spike is a "
        "6-pulse train of 10 ms slots (+1.0, -1.0, -0.8, -0.6, -0.4, -0.2 V; the signs suit "
        "VTEAM's polarity), pre on one line, post on the other; the device sees pre - post. No "
        "single pulse reaches the +-1.2 V thresholds, overlapping trains do: LTP for 0 < dt < "
        "50 ms falling with dt, LTD mirror-wise; dt from -60 to +60 ms.",
        "500 ms", *pairs(dts),
        {"type": "two_terminal", "read_voltage": "100 mV", "gain": "1 Ohm",
         "pre_waveform": yu_train(-1),
         "device": {"type": "vteam", "params": {"v_on": "-1.2 V", "v_off": "1.2 V",
                                                "k_on": "20 Hz", "k_off": "20 Hz",
                                                "window": "joglekar", "p": 2},
                    "init": {"x": 0.5}}},
        {"type": "post_pulses", "params": {"post_waveform": yu_train(-1)}},
        {"what": "x", "interval": "10 ms", "name": "x"})

    gaps = [10 ** (-2 + 0.25 * k) for k in range(13)]  # 0.01 ... 10 ms
    out["srdp_1s1r"] = scenario(
        "srdp_1s1r",
        "SRDP through a 1S1R cell (Wang Z. et al. 2017 concept): a diffusive (volatile) selector "
        "in series with an ideal linear memristor; each synapse gets two 0.2 V, 1 us presynaptic "
        "pulses t_zero apart (0.01 to 10 ms, log-spaced). The second pulse moves the memristor "
        "more while the selector is still on: the change falls monotonically with t_zero.",
        "300 ms", [[100.0, 100.0 + g] for g in gaps], None,
        {"type": "1s1r", "read_voltage": "100 mV", "gain": "1 Ohm",
         "pre_waveform": [{"duration": "1 us", "voltage": "0.2 V"}],
         "selector": {"type": "diffusive"},
         "device": {"type": "linear", "params": {"Phi_0": "1 uWb"}, "init": {"x": 0.2}}},
        None, {"what": "x", "interval": "10 ms", "name": "x"})
    del out["srdp_1s1r"]["projections"][0]["learning"]

    # Sjostrom-style pairing (Appendix A.3): 60 pairs, pre at 100 ms + k / f, post at pre + dt.
    freqs = [0.1, 1, 5, 10, 20, 30, 40, 50]
    pre, post = [], []
    for dt in (10.0, -10.0):
        for f in freqs:
            pre.append([100 + k * 1000 / f for k in range(60)])
            post.append([t + dt for t in pre[-1]])
    out["triplet_frequency"] = scenario(
        "triplet_frequency",
        "Triplet STDP frequency dependence (Sjostrom 2001 protocol as in Pfister & Gerstner "
        "2006): 60 pairings at 0.1 to 50 Hz with dt = +10 ms and -10 ms, visual-cortex minimal "
        "all-to-all parameters (A2- 7.1e-3, A3+ 6.5e-3, tau_y 114 ms; in mV). At low frequency "
        "+10 ms gives ~0 and -10 ms LTD; at 40 Hz and above both orders potentiate.",
        "610 s", pre, post, {"type": "static", "weight": "0 mV"},
        {"type": "triplet", "params": {"A2_minus": "7.1e-3 mV", "A3_plus": "6.5e-3 mV",
                                       "tau_y": "114 ms"}},
        {"what": "weight", "interval": "1 s", "name": "w"}, t_ref="1 ms")

    # The same protocol on a second-order device, compressed by tau_T / tau_plus.
    s = 500e-6 / 16.8
    pre, post = [], []
    for dt in (10.0, -10.0):
        for f in freqs:
            pre.append([100 + k * 1000 / f * s for k in range(60)])
            post.append([t + dt * s for t in pre[-1]])
    out["triplet_device_frequency"] = scenario(
        "triplet_device_frequency",
        "Triplet STDP on a second-order memristor (triplet_pulses): the Sjostrom protocol "
        "compressed by tau_T / tau_plus = 500 ns / 16.8 ms (dt = +-0.298 us, 60 pairings at "
        "0.1 to 50 Hz biological). The device's residual heat plays the fast traces; the slow "
        "post trace grows the post pulse (beta_plus 0.15). At low frequency -dt depresses and "
        "+dt does little; at 40 Hz and above both potentiate.",
        "400 ms", pre, post,
        {"type": "two_terminal", "read_voltage": "100 mV", "gain": "1 Ohm",
         "device": {"type": "second_order", "init": {"w": 0.5}}},
        {"type": "triplet_pulses", "params": {
            "pre_pulse": [{"duration": "20 ns", "voltage": "-0.8 V"}],
            "post_pulse": [{"duration": "20 ns", "voltage": "-0.6 V"}],
            "beta_plus": 0.15}},
        {"what": "w", "interval": "10 ms", "name": "w"}, t_ref="0 ms")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for name, s in protocols().items():
        path = OUT / f"{name}.json"
        text = json.dumps(s, indent=1, ensure_ascii=False) + "\n"
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        sys.exit("out of date (run tools/make_protocols.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
