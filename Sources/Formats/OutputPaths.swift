import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Output paths are checked before any compute (a run of hours must not fail at its last write),
// and Foundation's file errors ("NSCocoaErrorDomain Code=516", "You don't have permission") become
// one plain sentence naming the path. Every file the CLI writes goes through here.

extension FileProblem {
    /// Throws unless a file can be written at `url` (by a temporary file and a rename): the target
    /// is not a directory or other special file, and its directory exists or can be created, and
    /// is writable.
    public static func checkWritableFile(_ url: URL) throws {
        switch kind(url.path) {
        case nil, S_IFREG: break
        case S_IFDIR: throw FileProblem(path: url.path, reason: "is a directory; give a file name to write to")
        default: throw FileProblem(path: url.path, reason: "is not a regular file (a FIFO, socket or device); give a file name to write to")
        }
        try checkWritableDirectory(url.deletingLastPathComponent())
    }

    /// Throws unless `url` is a writable directory or can be created as one: its first existing
    /// ancestor must be a directory we may write in.
    public static func checkWritableDirectory(_ url: URL) throws {
        var dir = url.standardizedFileURL
        while true {
            switch kind(dir.path) {
            case S_IFDIR:
                guard access(dir.path, W_OK | X_OK) == 0 else {
                    throw FileProblem(path: dir.path, reason: "permission denied: cannot write in this directory")
                }
                return
            case nil:
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { return }
                dir = parent
            default:
                let what = dir.path == url.standardizedFileURL.path ? "" : " (needed for \(url.path))"
                throw FileProblem(path: dir.path, reason: "is a file, not a directory\(what)")
            }
        }
    }

    /// The file type bits of `path` (following links), or nil when nothing is there.
    private static func kind(_ path: String) -> mode_t? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return s.st_mode & S_IFMT
    }

    /// `error` in plain words, naming the file it is about (`path` when the error does not say).
    /// Errors that are not file errors come back unchanged.
    public static func translating(_ error: Error, path: String? = nil) -> Error {
        if error is FileProblem { return error }
        let ns = error as NSError
        let file = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? path
        let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError } // a POSIXError on Linux
        let posix = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            ?? (ns.domain == NSPOSIXErrorDomain ? ns.code : nil)
        guard let file, ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return error }
        if let posix, let reason = reasons[Int32(posix)] { return FileProblem(path: file, reason: reason) }
        if let reason = cocoaReasons[ns.code], ns.domain == NSCocoaErrorDomain { return FileProblem(path: file, reason: reason) }
        return FileProblem(path: file, reason: ns.localizedDescription)
    }

    /// Runs `body`, translating the file errors it throws.
    public static func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw translating(error) }
    }

    static let reasons: [Int32: String] = [
        EACCES: "permission denied", EPERM: "operation not permitted",
        ENOENT: "no such file or directory", ENOTDIR: "a component of the path is a file, not a directory",
        EISDIR: "is a directory, not a file", EEXIST: "a file is in the way (it already exists)",
        ENOSPC: "no space left on the device", EDQUOT: "disk quota exceeded", EROFS: "read-only file system",
        EFBIG: "file too large", ENAMETOOLONG: "file name too long", ELOOP: "too many levels of symbolic links",
        EIO: "input/output error", ENXIO: "no reader on this FIFO or device",
    ]

    static let cocoaReasons: [Int: String] = [
        CocoaError.fileWriteFileExists.rawValue: "a file is in the way (it already exists)",
        CocoaError.fileWriteNoPermission.rawValue: "permission denied", CocoaError.fileReadNoPermission.rawValue: "permission denied",
        CocoaError.fileNoSuchFile.rawValue: "no such file or directory", CocoaError.fileReadNoSuchFile.rawValue: "no such file or directory",
        CocoaError.fileWriteOutOfSpace.rawValue: "no space left on the device",
        CocoaError.fileWriteVolumeReadOnly.rawValue: "read-only file system",
        CocoaError.fileWriteInvalidFileName.rawValue: "invalid file name",
    ]
}
