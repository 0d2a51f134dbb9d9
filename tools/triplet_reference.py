#!/usr/bin/python3
"""Independent reference for triplet STDP: the Sjostrom pairing protocol for every parameter
row of Pfister & Gerstner (2006), written as plain event-by-event Python (no memsnn code).

Protocol: 60 pairings; PRE at 100 ms + 1000 k / rho ms (k = 0..59), POST at PRE + dt; the
weight starts at 0 and is unbounded. Traces decay exactly between events; at a PRE spike
w -= o1 (A2- + A3- r2) before r1, r2 are updated; at a POST spike w += r1 (A2+ + A3+ o2)
before o1, o2 are updated (all-to-all: +1, nearest: set to 1).

usage: /usr/bin/python3 tools/triplet_reference.py > tests/validation/data/triplet_sjostrom.csv
"""
import math

TAU_PLUS, TAU_MINUS = 16.8, 33.7

# name, pairing, A2+, A3+, A2-, A3-, tau_x, tau_y (ms); tau_x is unused where A3- = 0.
ROWS = [
    ("visual_all_full", "all_to_all", 5e-10, 6.2e-3, 7e-3, 2.3e-4, 101, 125),
    ("visual_all_min", "all_to_all", 0, 6.5e-3, 7.1e-3, 0, 101, 114),
    ("visual_nearest_full", "nearest", 8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, 714, 40),
    ("visual_nearest_min", "nearest", 0, 5e-2, 8e-3, 0, 101, 40),
    ("hippo_all_full", "all_to_all", 6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 946, 27),
    ("hippo_all_min", "all_to_all", 5.3e-3, 8e-3, 3.5e-3, 0, 101, 40),
    ("hippo_nearest_full", "nearest", 4.6e-3, 9.1e-3, 3e-3, 7.5e-9, 575, 47),
    ("hippo_nearest_min", "nearest", 4.6e-3, 9.1e-3, 3e-3, 0, 101, 48),
]
RATES = [0.1, 10, 20, 40, 50]  # Hz
DTS = [10, -10]  # ms


def protocol(row, rho, dt):
    _, pairing, a2p, a3p, a2m, a3m, tau_x, tau_y = row
    events = []
    for k in range(60):
        pre = 100 + 1000 * k / rho
        events.append((pre, 0))  # 0 = pre
        events.append((pre + dt, 1))  # 1 = post
    events.sort()
    w = 0.0
    r1 = r2 = o1 = o2 = 0.0
    last = None
    for t, kind in events:
        if last is not None:
            gap = t - last
            r1 *= math.exp(-gap / TAU_PLUS)
            r2 *= math.exp(-gap / tau_x)
            o1 *= math.exp(-gap / TAU_MINUS)
            o2 *= math.exp(-gap / tau_y)
        last = t
        if kind == 0:
            w -= o1 * (a2m + a3m * r2)
            r1, r2 = (1.0, 1.0) if pairing == "nearest" else (r1 + 1, r2 + 1)
        else:
            w += r1 * (a2p + a3p * o2)
            o1, o2 = (1.0, 1.0) if pairing == "nearest" else (o1 + 1, o2 + 1)
    return w


def main():
    print("row,pairing,A2_plus,A3_plus,A2_minus,A3_minus,tau_x,tau_y,rho_hz,dt_ms,dw")
    for row in ROWS:
        for rho in RATES:
            for dt in DTS:
                print(",".join(str(v) for v in row) + f",{rho},{dt},{protocol(row, rho, dt)!r}")


if __name__ == "__main__":
    main()
