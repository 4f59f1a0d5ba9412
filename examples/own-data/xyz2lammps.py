#!/usr/bin/env python3
"""Extended XYZ (one frame, 2D, orthorhombic Lattice) -> LAMMPS text dump, Python standard library only.

    python3 xyz2lammps.py conf.xyz conf.dump [--seed S]

Species become numeric LAMMPS types (S=1, M=2, L=3, as models/ternary2d.toml maps them; a number
in the species column stays that number). Atoms get ids 1001, 1008, 1015, ... in file order and
are written in a shuffled order (seeded), as a LAMMPS run with atom sorting or several MPI ranks
writes them: `repro descriptors` reads them back in increasing id order, so row i of its output is
atom i of the XYZ file. Positions are copied as text, digit for digit.
"""
import argparse
import os
import random
import re
import sys

TYPES = {"S": 1, "M": 2, "L": 3}


def read_xyz(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    try:
        n = int(lines[0])
    except (IndexError, ValueError):
        sys.exit(f"{path}: line 1 must be the number of atoms")
    lattice = re.search(r'Lattice="([^"]*)"', lines[1])
    if not lattice:
        sys.exit(f'{path}: line 2 has no Lattice="Lx 0 0 0 Ly 0 0 0 Lz"')
    cell = lattice.group(1).split()
    if len(cell) != 9 or any(float(cell[k]) != 0 for k in (1, 2, 3, 5, 6, 7)):
        sys.exit(f"{path}: line 2: only orthorhombic boxes are converted, got Lattice=\"{lattice.group(1)}\"")
    atoms = []
    for k, line in enumerate(lines[2:2 + n], start=3):
        fields = line.split()
        if len(fields) < 3:
            sys.exit(f"{path}: line {k}: expected 'species x y [z]'")
        species = fields[0]
        kind = TYPES.get(species, species if species.isdigit() else None)
        if kind is None:
            sys.exit(f"{path}: line {k}: species '{species}'; allowed: {', '.join(TYPES)} or a number")
        atoms.append((kind, fields[1], fields[2]))
    if len(atoms) != n:
        sys.exit(f"{path}: announces {n} atoms but holds {len(atoms)}")
    return cell[0], cell[4], atoms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xyz")
    parser.add_argument("dump")
    parser.add_argument("--seed", type=int, default=1, help="seed of the shuffled atom order")
    args = parser.parse_args()
    lx, ly, atoms = read_xyz(args.xyz)
    rows = [(1001 + 7 * i, kind, x, y) for i, (kind, x, y) in enumerate(atoms)]
    random.Random(args.seed).shuffle(rows)
    out = ["ITEM: TIMESTEP", "0", "ITEM: NUMBER OF ATOMS", str(len(rows)),
           "ITEM: BOX BOUNDS pp pp pp", f"0 {lx}", f"0 {ly}", "-0.5 0.5",
           "ITEM: ATOMS id type x y"]
    out += [f"{i} {kind} {x} {y}" for i, kind, x, y in rows]
    tmp = args.dump + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, args.dump)  # atomic: a reader never sees half a dump


if __name__ == "__main__":
    main()
