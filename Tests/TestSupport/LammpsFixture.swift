import Model

extension Fixtures {
    /// `c` as one frame of a LAMMPS text dump: atoms listed in `order` (ids are index + 1),
    /// species as types 1, 2, 3, the columns in the order given (`x y` or scaled `xs ys`).
    public static func lammpsFrame(_ c: Configuration, timestep: Int = 0, order: [Int]? = nil,
                                   columns: [String] = ["id", "type", "x", "y", "z"]) -> String {
        var out = "ITEM: TIMESTEP\n\(timestep)\nITEM: NUMBER OF ATOMS\n\(c.count)\nITEM: BOX BOUNDS pp pp pp\n"
        out += "0.0 \(c.lx)\n0.0 \(c.ly)\n-0.5 0.5\nITEM: ATOMS \(columns.joined(separator: " "))\n"
        for i in order ?? Array(0..<c.count) {
            let values: [String: String] = ["id": "\(i + 1)", "type": "\(Int(c.species[i].rawValue) + 1)",
                                            "x": "\(c.x[i])", "y": "\(c.y[i])", "z": "0.0", "xs": "\(c.x[i] / c.lx)", "ys": "\(c.y[i] / c.ly)"]
            out += columns.map { values[$0]! }.joined(separator: " ") + "\n"
        }
        return out
    }
}
