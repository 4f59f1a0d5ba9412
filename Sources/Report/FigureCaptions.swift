/// Figure captions are quoted text inside `{{figure …}}`, and directives do not nest, so a caption
/// quotes a value as `[[value KEY format=%.2f]]` or `[[value PROFILE:KEY …]]` (options unquoted:
/// the caption's own quotes delimit it). Rendered like `{{value}}`, escaped, and checked before
/// compute with the other directives, so no caption types a measured number.
import Foundation
import Pipeline

extension ReportRenderer {
    static let captionRule = "a figure caption may quote only [[value KEY …]] or [[value PROFILE:KEY …]] (options unquoted, e.g. format=%.2f)"

    /// `caption` with each `[[value …]]` replaced by `quote(positional, options)`; any other
    /// `[[…]]`, or a `[[` never closed, is an error.
    static func substitutingCaption(_ caption: String,
                                    _ quote: (_ positional: [String], _ options: [String: String]) throws -> String) throws -> String {
        var out = ""
        var rest = Substring(caption)
        while let open = rest.range(of: "[[") {
            guard let close = rest[open.upperBound...].range(of: "]]") else { throw FieldMessage("'[[' without ']]' in the caption; " + captionRule) }
            out += rest[..<open.lowerBound]
            let body = String(rest[open.upperBound..<close.lowerBound])
            let t = tokens(body)
            guard t.first == "value", t.count > 1 else { throw FieldMessage("[[\(body)]]: " + captionRule) }
            let (positional, options) = arguments(Array(t.dropFirst()))
            out += try quote(positional, options)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The caption of a figure directive with its values quoted (checked only, before compute).
    func caption(_ text: String) throws -> String {
        try Self.substitutingCaption(text) { try quotedValue($0, $1) }
    }

    /// `{{value …}}` and `[[value …]]`: the value's text, or before compute (`placeholders`) the
    /// checks that can be made then: usage, format and another profile's published baseline.
    func quotedValue(_ positional: [String], _ options: [String: String]) throws -> String {
        guard placeholders else { return try valueText(positional, options) }
        guard let reference = positional.first else { throw FieldMessage("usage: {{value KEY format=\"%.3f\"}} or {{value PROFILE:KEY}}") }
        if let (other, key) = PublishedBaselines.split(reference) { _ = try published.value(key, of: other, knownProfiles: knownProfiles) }
        return try Self.format(.number(0), options["format"])
    }
}
