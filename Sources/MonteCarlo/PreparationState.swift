/// Where a preparation stands beyond the trajectory itself: the payload of its checkpoints.
/// With the trajectory (positions, stream, counters) it is everything the rest of the run
/// depends on, so a resumed preparation continues bit for bit.
struct PreparationState: Equatable {
    enum Phase: UInt64 {
        case melt = 0, swap = 1, check = 2
        /// The stage name `progress` reports.
        var progressName: String {
            switch self {
            case .melt: "melt"
            case .swap: "swap"
            case .check: "check"
            }
        }
    }
    var phase = Phase.melt
    /// The swap stage's finished windows and drift tests (its tally is set when the stage ends).
    var record: AdaptiveEquilibration
    /// The swap window in progress: its first sweep and the energies sampled in it so far.
    var windowFirst = 0
    var windowEnergies: [Double] = []
    var tally = SwapTally()
    /// Swap sweeps done (for progress).
    var done = 0
    /// The swap stage's acceptance, kept because the check run resets the counters.
    var swapAcceptance = 0.0
    /// First sweep of the check run and the energies sampled in it so far.
    var checkFirst = 0
    var sampleSweeps: [Int] = []
    var sampleEnergies: [Double] = []

    init(_ p: PreparationProtocol) {
        record = AdaptiveEquilibration(windowSweeps: p.windowSweeps, maxSwapSweeps: p.maxSwapSweeps, swapPairs: p.swapPairs)
    }

    var samples: [(sweep: Int, energyPerParticle: Double)] { zip(sampleSweeps, sampleEnergies).map { ($0, $1) } }
}

/// The payload layout: a tag and version, the run's identity (seed, index and every protocol
/// field, checked on resume), then the state. The windows are stored and replayed through
/// `AdaptiveEquilibration.add`, which recomputes the drift tests exactly.
extension PreparationState {
    static let tag: UInt64 = 0x3150_4552_5050_4352 // "RCPPREP1"
    static let version: UInt64 = 1

    /// The fields a checkpoint must share with the run resuming it, as (name, value) words.
    static func identity(_ p: PreparationProtocol, seed: UInt64, index: UInt64) -> [(String, UInt64)] {
        [("seed", seed), ("index", index), ("n", UInt64(p.n)), ("temperature", p.temperature.bitPattern),
         ("meltTemperature", p.meltTemperature.bitPattern), ("meltSweeps", UInt64(p.meltSweeps)),
         ("windowSweeps", UInt64(p.windowSweeps)), ("maxSwapSweeps", UInt64(p.maxSwapSweeps)),
         ("swapFraction", p.swapFraction.bitPattern), ("swapPairs", UInt64(SwapPairs.allCases.firstIndex(of: p.swapPairs)!)),
         ("checkSweeps", UInt64(p.checkSweeps)), ("sampleInterval", UInt64(p.sampleInterval)),
         ("maxDisplacement", p.maxDisplacement.bitPattern)]
    }

    /// A stored identity word as a reader would write it.
    static func describe(_ field: String, _ word: UInt64) -> String {
        switch field {
        case "temperature", "meltTemperature", "swapFraction", "maxDisplacement": "\(Double(bitPattern: word))"
        case "swapPairs": word < SwapPairs.allCases.count ? SwapPairs.allCases[Int(word)].rawValue : "\(word)"
        default: "\(word)"
        }
    }

    func encode(_ p: PreparationProtocol, seed: UInt64, index: UInt64) -> [UInt8] {
        var w = BinaryWriter()
        w.write(Self.tag); w.write(Self.version)
        for (_, word) in Self.identity(p, seed: seed, index: index) { w.write(word) }
        w.write(phase.rawValue)
        w.write(record.windows.count)
        for win in record.windows { w.write(win.firstSweep); w.write(win.sweeps); w.write(win.meanEnergyPerParticle); w.write(win.error) }
        w.write(windowFirst); w.write(windowEnergies)
        for k in 0..<3 { w.write(tally.trials[k]); w.write(tally.accepted[k]) }
        w.write(tally.likeTrials)
        w.write(done); w.write(swapAcceptance); w.write(checkFirst)
        w.write(sampleSweeps.map(Double.init)); w.write(sampleEnergies)
        return w.bytes
    }

    /// Decodes a payload written for `p`, `seed`, `index`; throws `checkpointMismatch` naming the
    /// first field that differs, `corruptCheckpoint` when the bytes do not form a state.
    static func decode(_ bytes: [UInt8], path: String, _ p: PreparationProtocol, seed: UInt64, index: UInt64) throws -> PreparationState {
        var r = BinaryReader(bytes, path: path)
        guard bytes.count >= 8, try r.readUInt64() == tag else {
            throw MonteCarloError.checkpointMismatch(path: path, field: "kind", stored: "another run's checkpoint", expected: "a preparation checkpoint")
        }
        let v = try r.readUInt64()
        guard v == version else {
            throw MonteCarloError.corruptCheckpoint(path: path, reason: "preparation state version \(v) (this build reads \(version))")
        }
        for (field, expected) in identity(p, seed: seed, index: index) {
            let stored = try r.readUInt64()
            guard stored == expected else {
                throw MonteCarloError.checkpointMismatch(path: path, field: field, stored: describe(field, stored), expected: describe(field, expected))
            }
        }
        guard let phase = Phase(rawValue: try r.readUInt64()) else { throw MonteCarloError.corruptCheckpoint(path: path, reason: "unknown phase") }
        var s = PreparationState(p)
        s.phase = phase
        let windows = try r.readCount(max: p.maxSwapSweeps / p.windowSweeps)
        for _ in 0..<windows {
            var win = EnergyWindow(firstSweep: try r.readInt(), sweeps: try r.readInt(), energies: [])
            win.meanEnergyPerParticle = try r.readDouble(); win.error = try r.readDouble()
            _ = s.record.add(win)
        }
        s.windowFirst = try r.readInt(); s.windowEnergies = try r.readDoubles()
        for k in 0..<3 { s.tally.trials[k] = try r.readUInt64(); s.tally.accepted[k] = try r.readUInt64() }
        s.tally.likeTrials = try r.readUInt64()
        s.done = try r.readInt(); s.swapAcceptance = try r.readDouble(); s.checkFirst = try r.readInt()
        s.sampleSweeps = try r.readDoubles().map { Int($0) }; s.sampleEnergies = try r.readDoubles()
        if phase == .check { s.record.tally = s.tally }
        guard r.offset == bytes.count, s.sampleSweeps.count == s.sampleEnergies.count else {
            throw MonteCarloError.corruptCheckpoint(path: path, reason: "inconsistent preparation state")
        }
        return s
    }
}
