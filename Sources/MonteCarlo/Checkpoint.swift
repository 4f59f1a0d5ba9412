import Foundation
import Model
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checkpoint files: the complete state of a trajectory (unwrapped positions, species, random
/// stream, sweep and acceptance counters) plus an opaque payload for the caller's recorders,
/// followed by an FNV-1a 64 checksum of everything before it. Written to a temporary file and
/// renamed, so a crash (even kill -9) leaves either the previous checkpoint or the new one; the
/// one before is kept as `.prev` for when the newest is damaged anyway (disk, editor, bug).
///
/// Layout (little-endian 64-bit words): magic, version, N, L, T, δ_max, swap fraction, the
/// mixture (σ_LL, σ_SS, σ_LS, ε_LL, ε_SS, ε_LS, cutoff ratio, density, then the species fractions;
/// then the species fractions), sweep, trials, accepted, swap trials, accepted swaps, 4 stream
/// words, species bytes, x, y, storage order, payload, checksum. Versions 1 and 2 were written by
/// the previous engine (unquantized energies): continuing one would splice two different
/// trajectories, so they are refused. The Verlet list is rebuilt on load; energy sums do not
/// depend on when it was built.
public enum Checkpoint {
    static let magic: UInt64 = 0x3154_4B43_434D_5052 // "RPMCCKT1"
    static let version: UInt64 = 3

    /// Serialises the state of `simulation` with `payload`.
    public static func encode(_ s: MonteCarloSimulation, payload: [UInt8] = []) -> [UInt8] {
        var w = BinaryWriter()
        w.write(magic); w.write(version)
        w.write(s.count); w.write(s.boxLength)
        w.write(s.parameters.temperature); w.write(s.parameters.maxDisplacement); w.write(s.parameters.swapFraction)
        let m = s.potential.mixture
        for x in [m.sigmaLL, m.sigmaSS, m.sigmaLS, m.epsilonLL, m.epsilonSS, m.epsilonLS, m.cutoffRatio, m.density] { w.write(x) }
        w.write(m.fractions)
        w.write(s.sweep); w.write(s.trials); w.write(s.acceptedMoves); w.write(s.swapTrials); w.write(s.acceptedSwaps)
        let st = s.stream.state
        w.write(st.0); w.write(st.1); w.write(st.2); w.write(st.3)
        w.write(bytes: s.configuration.species.map(\.rawValue))
        w.write(s.positionsX); w.write(s.positionsY)
        w.write(s.order.map(Double.init))
        w.write(bytes: payload)
        var bytes = w.bytes
        withUnsafeBytes(of: fnv1a64(bytes).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes a checkpoint atomically (temporary file in the same directory, then rename) and
    /// keeps the one it replaces as `<name>.prev`, so a damaged newest checkpoint costs one
    /// interval, not the whole run. A crash between the renames leaves only `.prev`: still fine.
    public static func write(_ s: MonteCarloSimulation, payload: [UInt8] = [], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try Data(encode(s, payload: payload)).write(to: tmp)
        if FileManager.default.fileExists(atPath: url.path) {
            guard rename(url.path, previous(url).path) == 0 else { throw renameError(url, previous(url)) }
        }
        guard rename(tmp.path, url.path) == 0 else { throw renameError(tmp, url) }
    }

    /// Where `write` keeps the checkpoint before the newest.
    public static func previous(_ url: URL) -> URL { url.appendingPathExtension("prev") }

    private static func renameError(_ a: URL, _ b: URL) -> MonteCarloError {
        .corruptCheckpoint(path: b.path, reason: "cannot rename \(a.lastPathComponent) to it (errno \(errno))")
    }

    /// The newest checkpoint at `url` (or its `.prev`) that reads back intact; nil when there is
    /// none, so the caller starts from the beginning. A damaged one is deleted and reported
    /// through `warn`: left in place it would fail the task on every run.
    public static func readLatest(at url: URL, warn: (String) -> Void = Checkpoint.warnOnStandardError) -> Contents? {
        try? readLatest(at: url, warn: warn) { c, _ in c }
    }

    /// `readLatest` with the caller's payload decoded by `decode` (given the contents and the
    /// file's path): a payload it cannot read (`corruptCheckpoint`) counts as damage like a bad
    /// checksum; any other error, such as `checkpointMismatch`, is thrown and the file kept.
    public static func readLatest<T>(at url: URL, warn: (String) -> Void = Checkpoint.warnOnStandardError,
                                     decode: (Contents, String) throws -> T) throws -> T? {
        let candidates = [url, previous(url)].filter { FileManager.default.fileExists(atPath: $0.path) }
        for (i, candidate) in candidates.enumerated() {
            do { return try decode(try read(from: candidate), candidate.path) } catch {
                guard case MonteCarloError.corruptCheckpoint(_, let why) = error else { throw error }
                try? FileManager.default.removeItem(at: candidate)
                let next = i + 1 < candidates.count ? "resuming from the previous one, \(candidates[i + 1].lastPathComponent)" : "restarting this trajectory from the start"
                warn("warning: discarded damaged checkpoint \(candidate.path) (\(why)); \(next)")
            }
        }
        return nil
    }

    /// Default sink of `readLatest`'s warnings (the run log goes to standard error).
    public static func warnOnStandardError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The decoded contents of a checkpoint file.
    public struct Contents {
        public var configuration: Configuration
        public var temperature: Double, maxDisplacement: Double, swapFraction: Double
        /// The model the trajectory was run with (the paper's for version-1 files).
        public var mixture: Mixture
        public var sweep: Int
        public var trials: UInt64, acceptedMoves: UInt64, swapTrials: UInt64, acceptedSwaps: UInt64
        public var stream: RandomStream
        /// Storage order of the particles (restored so the resumed run picks the same particles).
        public var order: [Int]
        public var payload: [UInt8]
    }

    /// Reads and verifies a checkpoint; throws `corruptCheckpoint` on a bad checksum or layout.
    public static func read(from url: URL) throws -> Contents {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MonteCarloError.corruptCheckpoint(path: url.path, reason: "cannot read (\((error as NSError).localizedDescription))")
        }
        return try decode([UInt8](data), path: url.path)
    }

    public static func decode(_ bytes: [UInt8], path: String = "<checkpoint>") throws -> Contents {
        guard bytes.count >= 24 else { throw MonteCarloError.corruptCheckpoint(path: path, reason: "file too short (\(bytes.count) bytes)") }
        let body = bytes.dropLast(8)
        var tail = BinaryReader(Array(bytes.suffix(8)), path: path)
        guard try tail.readUInt64() == fnv1a64(body) else {
            throw MonteCarloError.corruptCheckpoint(path: path, reason: "checksum mismatch (file damaged or truncated)")
        }
        var r = BinaryReader(Array(body), path: path)
        guard try r.readUInt64() == magic else { throw MonteCarloError.corruptCheckpoint(path: path, reason: "not a Monte Carlo checkpoint") }
        let v = try r.readUInt64()
        guard v == version else {
            let why = v < version ? "written by the previous Monte Carlo engine, whose trajectory this engine cannot continue bit for bit; delete it to restart the task"
                                  : "written by a newer build"
            throw MonteCarloError.corruptCheckpoint(path: path, reason: "checkpoint version \(v) (this build reads \(version)): \(why)")
        }
        let n = try r.readInt(), l = try r.readDouble()
        let t = try r.readDouble(), d = try r.readDouble(), f = try r.readDouble()
        var mixture = Mixture.paper
        do {
            mixture.sigmaLL = try r.readDouble(); mixture.sigmaSS = try r.readDouble(); mixture.sigmaLS = try r.readDouble()
            mixture.epsilonLL = try r.readDouble(); mixture.epsilonSS = try r.readDouble(); mixture.epsilonLS = try r.readDouble()
            mixture.cutoffRatio = try r.readDouble(); mixture.density = try r.readDouble()
            mixture.fractions = try r.readDoubles()
        }
        let sweep = try r.readInt()
        let trials = try r.readUInt64(), acc = try r.readUInt64(), st = try r.readUInt64(), sa = try r.readUInt64()
        let stream = RandomStream(state: (try r.readUInt64(), try r.readUInt64(), try r.readUInt64(), try r.readUInt64()))
        let codes = try r.readBytes(), x = try r.readDoubles(), y = try r.readDoubles()
        let order = try r.readDoubles().map { Int($0) }
        let payload = try r.readBytes()
        guard codes.count == n, x.count == n, y.count == n, codes.allSatisfy({ $0 < 3 }),
              order.count == n, Set(order).count == n, order.allSatisfy({ $0 >= 0 && $0 < n }) else {
            throw MonteCarloError.corruptCheckpoint(path: path, reason: "inconsistent particle arrays")
        }
        let c = Configuration(boxLength: l, x: x, y: y, species: codes.map { Species(rawValue: $0)! })
        return Contents(configuration: c, temperature: t, maxDisplacement: d, swapFraction: f, mixture: mixture, sweep: sweep,
                        trials: trials, acceptedMoves: acc, swapTrials: st, acceptedSwaps: sa, stream: stream, order: order, payload: payload)
    }
}

extension MonteCarloSimulation {
    /// Restores a trajectory from checkpoint contents; `parameters` and `mixture` must match the
    /// stored temperature, δ_max and model (a resumed run continues the same physics).
    public convenience init(checkpoint c: Checkpoint.Contents, parameters: MonteCarloParameters, mixture: Mixture = .paper,
                            path: String = "<checkpoint>") throws {
        func check(_ field: String, _ stored: Double, _ expected: Double) throws {
            guard stored == expected else {
                throw MonteCarloError.checkpointMismatch(path: path, field: field, stored: "\(stored)", expected: "\(expected)")
            }
        }
        try check("temperature", c.temperature, parameters.temperature)
        try check("maxDisplacement", c.maxDisplacement, parameters.maxDisplacement)
        try check("swapFraction", c.swapFraction, parameters.swapFraction)
        guard c.mixture == mixture else {
            throw MonteCarloError.checkpointMismatch(path: path, field: "mixture", stored: "\(c.mixture)", expected: "\(mixture)")
        }
        try self.init(configuration: c.configuration, parameters: parameters, stream: c.stream, mixture: c.mixture, order: c.order)
        sweep = c.sweep; trials = c.trials; acceptedMoves = c.acceptedMoves
        swapTrials = c.swapTrials; acceptedSwaps = c.acceptedSwaps
    }
}
