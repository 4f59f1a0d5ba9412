import Model

/// Parameters of Metropolis Monte Carlo (paper Sec. II A), validated on construction.
public struct MonteCarloParameters: Sendable, Equatable {
    /// Temperature T (k_B = 1).
    public var temperature: Double
    /// Side of the square from which a trial displacement is drawn (paper: δ_max = 0.12).
    public var maxDisplacement: Double
    /// Verlet skin: the neighbour list holds pairs within r_c + skin and is rebuilt when a
    /// particle has moved more than (skin − δ_max/√2)/2 since the last build (so a trial position
    /// is covered too). Must be ≥ δ_max. Affects speed only, never results.
    public var skin: Double
    /// Swap trials per translational trial (preparation only; 0 for dynamics).
    public var swapFraction: Double

    public static let paperMaxDisplacement = 0.12
    /// Most swap trials per particle per sweep: a bound on a run's length, not on the physics.
    public static let maxSwapFraction = 10.0

    public init(temperature: Double, maxDisplacement: Double = paperMaxDisplacement,
                skin: Double = 0.7, swapFraction: Double = 0) throws {
        guard temperature.isFinite, temperature > 0 else {
            throw MonteCarloError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        guard maxDisplacement.isFinite, maxDisplacement > 0, maxDisplacement < 1 else {
            throw MonteCarloError.invalidParameter(field: "maxDisplacement", value: "\(maxDisplacement)", allowed: "a number in (0, 1)")
        }
        guard skin.isFinite, skin >= maxDisplacement else {
            throw MonteCarloError.invalidParameter(field: "skin", value: "\(skin)", allowed: "a number ≥ maxDisplacement (\(maxDisplacement))")
        }
        guard swapFraction.isFinite, swapFraction >= 0, swapFraction <= Self.maxSwapFraction else {
            throw MonteCarloError.invalidParameter(field: "swapFraction", value: "\(swapFraction)", allowed: "a number in [0, \(Self.maxSwapFraction)]")
        }
        self.temperature = temperature; self.maxDisplacement = maxDisplacement
        self.skin = skin; self.swapFraction = swapFraction
    }
}
