import Foundation
import Pipeline
import Report

extension Study {
    /// The expectations of every profile of the manifest (each once), so a reason is checked
    /// whichever profile is loaded; a profile that fails to load reports its own errors when used.
    func expectationsOfEveryProfile(_ manifest: Manifest, registry: StageRegistry) -> [Expectation] {
        var seen: Set<String> = [], out = manifest.expectations
        for e in out { seen.insert(e.name) }
        for p in manifest.profiles where p != manifest.profile {
            for e in (try? Manifest.load(url: manifestURL, profile: p, registry: registry))?.expectations ?? [] where !seen.contains(e.name) {
                seen.insert(e.name); out.append(e)
            }
        }
        return out
    }

    /// Known-deviation reasons are templates (`ReportRenderer.plainReason`): each may quote only
    /// `{{value …}}` directives, of keys a stage provides or of published baselines. Checked for
    /// every profile's reason when the manifest loads, before any compute is spent.
    static func reasonProblems(_ expectations: [Expectation], file: String, keys: ValueKeySet?,
                               published: PublishedBaselines, profiles: Set<String>) -> [ManifestError] {
        var problems: [ManifestError] = []
        for e in expectations {
            for (profile, reason) in (e.knownDeviations ?? [:]).sorted(by: { $0.key < $1.key }) {
                let field = "expectation '\(e.name)' known_deviation.\(profile)"
                problems += ReportRenderer.reasonProblems(reason).map { ManifestError(file: file, line: e.line, field: field, message: $0) }
                // Other directives were refused above; here only the keys of `{{value}}`.
                problems += unknownReferences(in: reason, file: file, keys: keys, expectations: [], published: published, profiles: profiles)
                    .filter { $0.field.hasPrefix("{{value") }.map { ManifestError(file: file, line: e.line, field: field + " " + $0.field, message: $0.message) }
            }
        }
        return problems
    }
}
