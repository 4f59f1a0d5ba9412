/// The published baselines the report may quote: `report/published/<profile>/values.json`, the
/// values of each profile's reviewed reference run. `{{value PROFILE:KEY}}` reads one of them,
/// and `{{only … published}}` / `{{only … unpublished}}` keep lines by whether the rendered
/// profile has one, so no sentence types another run's number or guesses whether a run exists.
import Foundation
import Pipeline

public struct PublishedBaselines: Sendable {
    /// `report/published`; nil: no profile has a baseline.
    public var directory: URL?

    public init(directory: URL?) { self.directory = directory }

    /// Beside the report source: `report/report.md` → `report/published`.
    public init(reportSource: URL) { directory = reportSource.deletingLastPathComponent().appendingPathComponent("published") }

    public static let valuesFile = "values.json"

    /// `PROFILE:KEY` → (PROFILE, KEY); nil for a plain key.
    public static func split(_ reference: String) -> (profile: String, key: String)? {
        guard let colon = reference.firstIndex(of: ":") else { return nil }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }

    /// The baseline directory of `profile`; nil when the name could make a path (checked first).
    public func directory(of profile: String) -> URL? {
        guard let directory, Manifest.isValidName(profile) else { return nil }
        return directory.appendingPathComponent(profile)
    }

    /// The baseline file of `profile`; nil when the name could make a path.
    func file(of profile: String) -> URL? { directory(of: profile)?.appendingPathComponent(Self.valuesFile) }

    /// Whether `profile` has a published baseline.
    public func exists(_ profile: String) -> Bool {
        file(of: profile).map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    }

    /// Profiles with a baseline, sorted.
    public var profiles: [String] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter(exists).sorted()
    }

    /// The value `KEY` of `profile`'s baseline, or a message naming what is missing: a bad or
    /// unknown profile, no baseline, or no such key (with the nearest one).
    func value(_ key: String, of profile: String, knownProfiles: Set<String>) throws -> (ReportValue, sem: Double?) {
        guard Manifest.isValidName(profile) else { throw FieldMessage("'\(profile)': \(Manifest.nameRule("profile"))") }
        if !knownProfiles.isEmpty, !knownProfiles.contains(profile) {
            throw FieldMessage("unknown profile '\(profile)'; known: \(knownProfiles.sorted().joined(separator: ", "))")
        }
        guard let url = file(of: profile), FileManager.default.fileExists(atPath: url.path) else {
            let present = profiles
            throw FieldMessage("profile '\(profile)' has no published baseline (\(directory.map { "\($0.path)/" } ?? "report/published/")\(profile)/\(Self.valuesFile)); "
                               + (present.isEmpty ? "none is published yet" : "published: \(present.joined(separator: ", "))"))
        }
        let store: ValueStore
        do { store = try ValueStore.load(url) } catch { throw FieldMessage("\(url.path): unreadable baseline: \(error)") }
        guard let v = store[key] else {
            let hint = ValueKeySet(patterns: Array(store.values.keys)).suggestion(for: key).map { "; did you mean '\(profile):\($0)'?" } ?? ""
            throw FieldMessage("no value '\(key)' in the published baseline of profile '\(profile)'\(hint)")
        }
        return (v, store[key + ".sem"]?.doubleValue)
    }

    /// The problem with a `PROFILE:KEY` reference, nil when it resolves (for checks before compute).
    public func problem(with reference: String, knownProfiles: Set<String>) -> String? {
        guard let (profile, key) = Self.split(reference) else { return nil }
        do { _ = try value(key, of: profile, knownProfiles: knownProfiles) } catch { return "\(error)" }
        return nil
    }
}

extension ReportRenderer {
    /// The text of `{{value KEY …}}` or `{{value PROFILE:KEY …}}`. `escape`: text values escaped
    /// for markdown (false for plain text, e.g. the terminal summary).
    func valueText(_ positional: [String], _ options: [String: String], escape: Bool = true) throws -> String {
        guard let reference = positional.first else { throw FieldMessage("usage: {{value KEY format=\"%.3f\"}} or {{value PROFILE:KEY}}") }
        let v: ReportValue, sem: Double?
        if let (other, key) = PublishedBaselines.split(reference) {
            (v, sem) = try published.value(key, of: other, knownProfiles: knownProfiles)
        } else {
            guard let local = values[reference] else { throw FieldMessage("no value '\(reference)' in the value store") }
            (v, sem) = (local, values[reference + ".sem"]?.doubleValue)
        }
        if positional.contains("sem") {
            guard let s = sem else { throw FieldMessage("no value '\(reference).sem' in the value store") }
            guard let x = v.doubleValue else { throw FieldMessage("is not a number; `sem` needs one") }
            return ReportText.withError(x, s)
        }
        if !escape, case .text(let s) = v { return s }
        return try Self.format(v, options["format"])
    }

    /// Whether an `{{only …}}` block is kept: its profiles (none: every profile) must include the
    /// rendered one, and `published` / `unpublished` ask whether that profile has a baseline.
    /// Returns the problems with its names too.
    func keepsBlock(_ names: [String]) -> (keep: Bool, problems: [String]) {
        let conditions = names.filter { $0 == "published" || $0 == "unpublished" }
        let profiles = names.filter { !conditions.contains($0) }
        var problems: [String] = []
        if names.isEmpty { problems.append("usage: {{only PROFILE … [published|unpublished]}}") }
        if Set(conditions).count > 1 { problems.append("'published' and 'unpublished' exclude each other") }
        for name in profiles where !knownProfiles.isEmpty && !knownProfiles.contains(name) {
            problems.append("unknown profile '\(name)'; known: \(knownProfiles.sorted().joined(separator: ", ")) (and the conditions published, unpublished)")
        }
        let current = profile ?? "base"
        let isPublished = published.exists(current)
        let keep = (profiles.isEmpty || profiles.contains(current))
            && conditions.allSatisfy { ($0 == "published") == isPublished }
        return (keep, problems)
    }
}
