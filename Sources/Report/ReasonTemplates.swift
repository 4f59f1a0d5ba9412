/// Known-deviation reasons are templates: their numbers are `{{value KEY}}` (or
/// `{{value PROFILE:KEY}}`) directives, rendered with the build's values before the reason
/// reaches the report, `expectations.json` or the terminal, so no reason types a measured number.
import Foundation
import Pipeline

extension ReportRenderer {
    /// `template` with its `{{value …}}` directives replaced by plain text (the report's summary
    /// table escapes the whole reason; the terminal prints it as is).
    public func plainReason(_ template: String) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let t = Self.tokens(String(rest[open.upperBound..<close.lowerBound]))
            guard t.first == "value" else { throw FieldMessage(Self.reasonRule) }
            let (positional, options) = Self.arguments(Array(t.dropFirst()))
            out += try valueText(positional, options, escape: false)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static let reasonRule = "a known_deviation reason may quote only {{value KEY …}} or {{value PROFILE:KEY …}}"

    /// `results` with each known-deviation reason rendered; every bad directive of every reason
    /// is one `ReportError` naming the expectation (and its manifest line when known).
    public func renderingReasons(_ results: [ExpectationResult], file: String) throws -> [ExpectationResult] {
        var errors: [ReportError] = []
        let rendered = results.map { r -> ExpectationResult in
            guard let template = r.expectation.knownDeviation else { return r }
            var r = r
            do { r.expectation.knownDeviation = try plainReason(template) } catch {
                errors.append(ReportError(file: file, line: r.expectation.line ?? 0,
                                          directive: "known_deviation of '\(r.expectation.name)'", message: "\(error)"))
            }
            return r
        }
        if !errors.isEmpty { throw ReportErrors(errors: errors) }
        return rendered
    }

    /// The directives of a reason that are not `{{value …}}` (checked when the manifest loads).
    public static func reasonProblems(_ template: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let body = String(rest[open.upperBound..<close.lowerBound])
            if tokens(body).first != "value" || tokens(body).count < 2 { problems.append("{{\(body)}}: \(reasonRule)") }
            rest = rest[close.upperBound...]
        }
        return problems
    }
}
