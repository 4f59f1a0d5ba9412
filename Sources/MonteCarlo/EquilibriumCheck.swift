/// Numbers of the equilibrium check: the potential energy per particle sampled over the last
/// part of the preparation has no drift. The samples are grouped into blocks (to tame their
/// autocorrelation); a least-squares line through the block means gives the drift and its
/// standard error.
public struct EquilibriumCheck: Sendable, Equatable, Codable {
    public var temperature: Double
    /// Mean potential energy per particle over the checked window.
    public var meanEnergyPerParticle: Double
    /// Standard error of that mean from the block means.
    public var meanEnergyError: Double
    /// Fitted slope of energy per particle versus sweep, and its standard error.
    public var slopePerSweep: Double
    public var slopeError: Double
    /// Sweeps in the checked window.
    public var windowSweeps: Int
    /// Fraction of accepted translational trials over the window.
    public var acceptanceRate: Double
    /// Fraction of accepted swap trials during the swap stage (0 if none).
    public var swapAcceptanceRate: Double
    /// |slope| / slope error; below `threshold` the run counts as equilibrated.
    public var driftSignificance: Double { slopeError > 0 ? abs(slopePerSweep) / slopeError : (slopePerSweep == 0 ? 0 : .infinity) }
    public static let threshold = 3.0
    public var isEquilibrated: Bool { driftSignificance < EquilibriumCheck.threshold }

    /// Builds the check from energies per particle sampled at `sweeps`, in `blocks` blocks.
    public init(temperature: Double, samples: [(sweep: Int, energyPerParticle: Double)], blocks: Int = 10,
                acceptanceRate: Double, swapAcceptanceRate: Double) {
        self.temperature = temperature; self.acceptanceRate = acceptanceRate; self.swapAcceptanceRate = swapAcceptanceRate
        let b = max(2, min(blocks, samples.count))
        let per = samples.count / b
        var t = [Double](), e = [Double]()
        for k in 0..<b {
            let chunk = samples[(k * per)..<((k + 1) * per)]
            t.append(chunk.map { Double($0.sweep) }.reduce(0, +) / Double(max(1, chunk.count)))
            e.append(chunk.map(\.energyPerParticle).reduce(0, +) / Double(max(1, chunk.count)))
        }
        let n = Double(b)
        let tm = t.reduce(0, +) / n, em = e.reduce(0, +) / n
        var stt = 0.0, ste = 0.0
        for k in 0..<b { stt += (t[k] - tm) * (t[k] - tm); ste += (t[k] - tm) * (e[k] - em) }
        let slope = stt > 0 ? ste / stt : 0
        var rss = 0.0, sq = 0.0
        for k in 0..<b {
            let r = e[k] - em - slope * (t[k] - tm)
            rss += r * r; sq += (e[k] - em) * (e[k] - em)
        }
        meanEnergyPerParticle = em
        meanEnergyError = (sq / (n - 1) / n).squareRoot()
        slopePerSweep = slope
        slopeError = n > 2 && stt > 0 ? (rss / (n - 2) / stt).squareRoot() : 0
        windowSweeps = (samples.last?.sweep ?? 0) - (samples.first?.sweep ?? 0)
    }
}
