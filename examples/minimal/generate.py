"""Draws points on the line y = intercept + slope * x with uniform noise, from a seed.

Writes the points as CSV and, for the report, the true slope and intercept and the number of
points as a flat JSON object (the values this stage declares in the manifest).
"""
import argparse
import json
import random

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--points", type=int, required=True)
parser.add_argument("--slope", type=float, required=True)
parser.add_argument("--intercept", type=float, required=True)
parser.add_argument("--noise", type=float, required=True, help="half-width of the uniform noise")
parser.add_argument("--out", required=True)
parser.add_argument("--values", required=True)
args = parser.parse_args()

# random() is reproducible across Python versions for a given integer seed.
rng = random.Random(args.seed)
with open(args.out, "w") as f:
    f.write("x,y\n")
    for _ in range(args.points):
        x = 10 * rng.random()
        y = args.intercept + args.slope * x + args.noise * (2 * rng.random() - 1)
        f.write(f"{x!r},{y!r}\n")

with open(args.values, "w") as f:
    json.dump({"slope": args.slope, "intercept": args.intercept, "points": args.points}, f)
