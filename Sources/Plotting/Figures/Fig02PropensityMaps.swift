/// Fig. 2 data: one configuration in the periodic box [0, L)² with four per-particle fields.
public struct PropensityMapsData: Sendable {
    public var box: Double
    public var x: [Double]
    public var y: [Double]
    /// Species index 0 (S), 1 (M), 2 (L) per particle.
    public var species: [Int]
    /// Disc diameter per species (σ_SS, σ_MM, σ_LL).
    public var speciesDiameters: [Double]
    public var p: [Double]
    public var q: [Double]
    public var thetaBar: [Double]
    public var pHat: [Double]

    public init(box: Double, x: [Double], y: [Double], species: [Int],
                speciesDiameters: [Double] = [0.618, 0.902, 1.176],
                p: [Double], q: [Double], thetaBar: [Double], pHat: [Double]) {
        let n = x.count
        precondition([y.count, species.count, p.count, q.count, thetaBar.count, pHat.count].allSatisfy { $0 == n },
                     "PropensityMapsData: every per-particle array needs \(n) values")
        precondition(species.allSatisfy { speciesDiameters.indices.contains($0) },
                     "PropensityMapsData: species must index speciesDiameters")
        self.box = box; self.x = x; self.y = y; self.species = species; self.speciesDiameters = speciesDiameters
        self.p = p; self.q = q; self.thetaBar = thetaBar; self.pHat = pHat
    }
}

extension PaperFigures {
    /// Fig. 2: maps of (a) p_i(τα), (b) q_i(τα), (c) Θ̄_i(ℓ = 2), (d) p̂_i; discs of diameter σ of the
    /// species, coloured with viridis over the central 98 % of each field.
    public static func propensityMaps(_ data: PropensityMapsData) -> Figure {
        let diameters = data.species.map { data.speciesDiameters[$0] }
        let fields: [([Double], String)] = [
            (data.p, "<i>p</i><sub><i>i</i></sub>(\(Notation.tauAlpha))"),
            (data.q, "<i>q</i><sub><i>i</i></sub>(\(Notation.tauAlpha))"),
            (data.thetaBar, "<i>Θ\u{0304}</i><sub><i>i</i></sub>(\(Notation.ell) = 2)"),
            (data.pHat, "\(Notation.pHat)<sub><i>i</i></sub>"),
        ]
        let ticks = Ticks.linear(0, data.box, target: 4)
        let panels = fields.map { values, label -> Panel in
            let range = Kit.robustRange(values)
            return Panel(x: Axis("<i>x</i>", limits: 0...data.box, ticks: ticks),
                         y: Axis("<i>y</i>", limits: 0...data.box, ticks: ticks),
                         marks: [.discs(Discs(x: data.x, y: data.y, diameter: diameters, values: values,
                                              range: range, box: data.box))],
                         legend: .none, colorBar: ColorBar(range: range, label: label), equalAspect: true)
        }
        return Figure(width: Figure.doubleColumn, height: 5.9, rows: 2, columns: 2, panels: panels)
    }
}
