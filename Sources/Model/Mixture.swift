import Foundation

/// The 2D three-component Lennard-Jones glass former of paper Sec. II A (after Barbot et al.,
/// PRE 97, 033001, with a medium species added). Every number is a named parameter.
public struct Mixture: Sendable, Equatable, Codable {
    public var sigmaLL = 2 * sin(Double.pi / 5)
    public var sigmaSS = 2 * sin(Double.pi / 10)
    public var sigmaLS = 1.0
    public var epsilonLL = 0.5
    public var epsilonSS = 0.5
    public var epsilonLS = 1.0
    /// Interactions vanish beyond `cutoffRatio · σ_αβ`.
    public var cutoffRatio = 2.5
    /// Number fractions of S, M, L (1760/800/1440 at N = 4000).
    public var fractions: [Double] = [0.44, 0.20, 0.36]
    /// Number density N/L².
    public var density = 1.024

    public init() {}

    /// The paper's model.
    public static let paper = Mixture()

    /// σ_αβ: the medium species takes arithmetic means of the S and L values (paper Sec. II A).
    public func sigma(_ a: Species, _ b: Species) -> Double {
        let sLM = (sigmaLL + sigmaLS) / 2, sMS = (sigmaLS + sigmaSS) / 2, sMM = (sigmaLL + sigmaSS) / 2
        switch (a, b) {
        case (.small, .small): return sigmaSS
        case (.large, .large): return sigmaLL
        case (.small, .large), (.large, .small): return sigmaLS
        case (.large, .medium), (.medium, .large): return sLM
        case (.medium, .small), (.small, .medium): return sMS
        case (.medium, .medium): return sMM
        }
    }

    /// ε_αβ, with the same arithmetic-mean rule for the medium species.
    public func epsilon(_ a: Species, _ b: Species) -> Double {
        let eLM = (epsilonLL + epsilonLS) / 2, eMS = (epsilonLS + epsilonSS) / 2, eMM = (epsilonLL + epsilonSS) / 2
        switch (a, b) {
        case (.small, .small): return epsilonSS
        case (.large, .large): return epsilonLL
        case (.small, .large), (.large, .small): return epsilonLS
        case (.large, .medium), (.medium, .large): return eLM
        case (.medium, .small), (.small, .medium): return eMS
        case (.medium, .medium): return eMM
        }
    }

    /// Species counts for `n` particles; throws unless every fraction gives a whole number.
    public func counts(n: Int) throws -> [Int] {
        guard n > 0 else { throw ModelError.invalidParameter(field: "n", value: "\(n)", allowed: "a positive number of particles") }
        let exact = fractions.map { $0 * Double(n) }
        let rounded = exact.map { $0.rounded() }
        guard zip(exact, rounded).allSatisfy({ abs($0 - $1) < 1e-9 }), Int(rounded.reduce(0, +)) == n else {
            throw ModelError.invalidParameter(
                field: "n", value: "\(n)",
                allowed: "a number that the fractions S/M/L = \(fractions.map { String($0) }.joined(separator: "/")) divide into whole numbers (a multiple of 25 for the paper's mixture)")
        }
        return rounded.map { Int($0) }
    }

    /// Side of the periodic square box holding `n` particles at this density.
    public func boxLength(n: Int) -> Double { (Double(n) / density).squareRoot() }
}

public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)
    case malformedFile(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed): "invalid \(field) = \(value): expected \(allowed)"
        case let .malformedFile(path, line, reason): line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" // 0: the whole file
        }
    }
}
