#!/usr/bin/python3
"""Exports the 8x8 handwritten digits shipped with scikit-learn to scenarios/data/digits_8x8.csv.

usage: tools/export_digits.py [--check] [--source DIGITS.csv.gz] [-o OUT.csv]

The source is sklearn/datasets/data/digits.csv.gz of the installed scikit-learn (Debian's
python3-sklearn): 1797 lines of 64 pixel values (0..16, row-major 8x8) followed by the label.
It is read directly with gzip (scikit-learn itself is not imported, only located). The output
puts the label first, as the image_poisson source reads it:

    # <two comment lines: provenance, column layout>
    label,p0,p1,...,p63          (one image per line; pixel k is row k // 8, column k % 8)

in the order of the source file, integers only, '\\n' line ends: rerunning gives byte-identical
output. --check compares with the existing file, writes nothing and exits 1 when it differs
(or is missing). Exit code 3 when scikit-learn's copy is not installed (ctest then skips the
check), 2 when the source cannot be read or is not what is expected. scenarios/data/README.md
documents provenance and licence.

Needs only the Python standard library and an installed python3-sklearn (run with
/usr/bin/python3).
"""
import argparse
import gzip
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "scenarios" / "data" / "digits_8x8.csv"
N_PIXELS = 64
N_IMAGES = 1797  # the UCI optdigits test set, as distributed with scikit-learn

HEADER = (
    "# 8x8 handwritten digits: UCI ML Optical Recognition of Handwritten Digits (E. Alpaydin, "
    "C. Kaynak, 1998), test set as distributed with scikit-learn; see README.md\n"
    "# label,p0..p63: label 0-9, then 64 pixel values 0-16, row-major (pixel k = row k//8, "
    "column k%8)\n"
)


def fail(message, code=2):
    print(f"export_digits.py: {message}", file=sys.stderr)
    sys.exit(code)


def find_source():
    """sklearn/datasets/data/digits.csv.gz of the installed scikit-learn, without importing it."""
    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        fail("scikit-learn is not installed; install python3-sklearn "
             "(apt-get install python3-sklearn) and run with /usr/bin/python3, "
             "or give --source PATH/digits.csv.gz", code=3)
    for location in spec.submodule_search_locations:
        path = pathlib.Path(location) / "datasets" / "data" / "digits.csv.gz"
        if path.is_file():
            return path
    fail("the installed scikit-learn has no datasets/data/digits.csv.gz; "
         "give --source PATH/digits.csv.gz", code=3)


def integer(field, what, low, high, line):
    try:
        value = float(field)
    except ValueError:
        fail(f"line {line}: {what} \"{field}\" is not a number")
    if value != int(value) or not low <= value <= high:
        fail(f"line {line}: {what} {field} is not a whole number in {low}..{high}")
    return int(value)


def export(source):
    try:
        with gzip.open(source, "rt", encoding="ascii") as f:
            lines = f.read().splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        fail(f"cannot read {source}: {error}")
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fields = line.strip().split(",")
        if len(fields) != N_PIXELS + 1:
            fail(f"{source}: line {number}: {len(fields)} fields, expected {N_PIXELS + 1} "
                 "(64 pixels, then the label)")
        pixels = [integer(p, "pixel", 0, 16, number) for p in fields[:N_PIXELS]]
        label = integer(fields[N_PIXELS], "label", 0, 9, number)
        rows.append(",".join(str(v) for v in [label] + pixels))
    if len(rows) != N_IMAGES:
        fail(f"{source}: {len(rows)} images, expected {N_IMAGES}")
    return HEADER + "\n".join(rows) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the existing file, write nothing")
    parser.add_argument("--source", type=pathlib.Path, default=None,
                        help="digits.csv.gz (default: the installed scikit-learn's copy)")
    parser.add_argument("-o", "--output", type=pathlib.Path, default=OUT,
                        help="CSV file to write (default scenarios/data/digits_8x8.csv)")
    args = parser.parse_args()
    text = export(args.source if args.source else find_source())
    if args.check:
        try:
            current = args.output.read_bytes()
        except OSError as error:
            print(f"export_digits.py: {args.output}: {error.strerror}; "
                  "run tools/export_digits.py to write it", file=sys.stderr)
            return 1
        if current != text.encode("ascii"):
            print(f"export_digits.py: {args.output} differs from what the script writes; "
                  "rerun tools/export_digits.py", file=sys.stderr)
            return 1
        print(f"{args.output.name}: up to date ({N_IMAGES} images)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode("ascii"))
    print(f"wrote {args.output} ({N_IMAGES} images)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
