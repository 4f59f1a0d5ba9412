/// Slurm's `--time` syntax in seconds, so a profile's checkpoint interval can be checked against
/// its time limit before anything is submitted.
public enum SlurmTimeLimit {
    /// Seconds of a Slurm time limit: "MM", "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS"
    /// (sbatch(1)). Throws a `SlurmError` naming the accepted forms.
    public static func seconds(_ text: String) throws -> Int {
        let bad = SlurmError("executor.time: '\(text)' is not a Slurm time limit; use MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS")
        let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard dayParts.count <= 2 else { throw bad }
        func numbers(_ s: Substring) throws -> [Int] {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...3).contains(parts.count) else { throw bad }
            return try parts.map { p in
                guard !p.isEmpty, p.allSatisfy(\.isASCII), let v = Int(p), v >= 0 else { throw bad }
                return v
            }
        }
        let clock = try numbers(dayParts.last!)
        if dayParts.count == 2 {
            let days = try numbers(dayParts[0])
            guard days.count == 1 else { throw bad }
            // D-HH, D-HH:MM, D-HH:MM:SS
            let h = clock[0], m = clock.count > 1 ? clock[1] : 0, s = clock.count > 2 ? clock[2] : 0
            return ((days[0] * 24 + h) * 60 + m) * 60 + s
        }
        switch clock.count {
        case 1: return clock[0] * 60                                  // MM
        case 2: return clock[0] * 60 + clock[1]                       // MM:SS
        default: return (clock[0] * 60 + clock[1]) * 60 + clock[2]     // HH:MM:SS
        }
    }
}
