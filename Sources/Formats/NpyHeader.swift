/// The header of a `.npy` file, checked as `numpy.lib.format` checks it: a Python dict literal
/// with exactly the keys 'descr', 'fortran_order' and 'shape' (a repeated key: the last wins).
struct NpyHeader: Equatable {
    var dtype: NpyArray.DType
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]

    /// numpy refuses longer headers (`max_header_size`) unless the file is fully trusted.
    static let maxLength = 10_000
    static let keys = ["descr", "fortran_order", "shape"]
    static let allowedDescr = "'<f8', '<f4', '|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '<u8', '|b1', "
        + "or these with '>' (big-endian)"

    /// `python2` accepts the `3L` ints that Python 2 wrote (format versions 1.0 and 2.0, as numpy).
    init(parsing text: String, path: String, python2: Bool) throws(NpyError) {
        guard text.unicodeScalars.count <= Self.maxLength else {
            throw .malformed(path: path, reason: "header is \(text.unicodeScalars.count) characters long; numpy reads at most \(Self.maxLength)")
        }
        let literal: PythonLiteral
        do { literal = try PythonLiteral.parse(text, allowLongSuffix: python2) } catch {
            throw .malformed(path: path, reason: "header is not a Python literal: \(error.reason)")
        }
        guard let entries = literal.dictionary else { throw .malformed(path: path, reason: "header is not a dict: \(literal.repr)") }
        var fields: [String: PythonLiteral] = [:]
        for (key, value) in entries { if case let .string(k) = key { fields[k] = value } }
        guard fields.count == entries.count, fields.keys.sorted() == Self.keys else {
            throw .malformed(path: path, reason: "header keys are \(entries.map(\.key.repr).sorted().joined(separator: ", ")); "
                                 + "numpy requires exactly 'descr', 'fortran_order', 'shape'")
        }
        func bad(_ name: String, _ allowed: String) -> NpyError { .field(path: path, name: name, value: fields[name]!.repr, allowed: allowed) }
        guard case let .tuple(dims) = fields["shape"]! else { throw bad("shape", "a tuple of non-negative ints, like (3,) or (3, 4)") }
        shape = []
        for d in dims {
            guard case let .int(v?) = d, v >= 0 else { throw bad("shape", "a tuple of non-negative ints below 2^63") }
            shape.append(v)
        }
        guard case let .bool(fortran) = fields["fortran_order"]! else { throw bad("fortran_order", "True or False") }
        fortranOrder = fortran
        guard case let .string(descr) = fields["descr"]!, let type = Self.dtype(descr) else { throw bad("descr", Self.allowedDescr) }
        dtype = type.0; bigEndian = type.bigEndian
    }

    /// A simple dtype string as numpy writes it: byte order ('<', '>', '|' or '=', optional;
    /// native is little-endian on every platform we build for), kind and size.
    static func dtype(_ descr: String) -> (NpyArray.DType, bigEndian: Bool)? {
        var rest = Substring(descr)
        let order = rest.first.flatMap { "<>|=".contains($0) ? $0 : nil }
        if order != nil { rest = rest.dropFirst() }
        guard let type = NpyArray.DType.allCases.first(where: { $0.rawValue.dropFirst() == rest }) else { return nil }
        return (type, order == ">" && type.size > 1)
    }
}
