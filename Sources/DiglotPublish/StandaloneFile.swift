import DiglotModel
import Foundation

/// A file written on its own, outside any output folder: the draft of `diglot mail --output`.
public enum StandaloneFile {
    /// Writes one file (the draft of `diglot mail --output`), by what is at `path`:
    /// - nothing, or a regular file: a new file beside it (`.NAME.diglot-new-PID`) renamed over it, so
    ///   that it is written whole or not at all; a file that was there keeps its mode and owner.
    /// - a symbolic link: what it points to, by these same rules; the link stays a link.
    /// - a character device (`/dev/null`, a terminal) or a FIFO: written through (opened without
    ///   `O_CREAT` or `O_TRUNC`), as a shell's `>` does; never replaced by a file.
    /// - a folder, a block device (a disk) or a socket: refused.
    /// Throws `DiglotError.unwritableFile` with the reason (`strerror`'s text for a system error).
    public static func save(_ bytes: [UInt8], to path: String) throws {
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            target = OutputFolder.resolvedPath(path)
            if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw DiglotError.unwritableFile(path, "it is a symbolic link that leads nowhere") }
            if stat(target, &info) != 0 { info = stat() }
        } else if stat(path, &info) != 0 {
            info = stat()
        }
        func failure(_ why: String) -> DiglotError { .unwritableFile(path, why) }
        let kind = info.st_mode & S_IFMT
        switch kind {
        case S_IFDIR: throw failure("it is a folder")
        case S_IFBLK: throw failure("it is a block device (a disk): refusing to write a draft onto it")
        case S_IFSOCK: throw failure("it is a socket")
        case S_IFCHR, S_IFIFO:
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
            defer { close(fd) }
            if let why = OutputDisk.writeAll(fd, bytes) { throw failure(why) }
            return
        default:
            let folder = (target as NSString).deletingLastPathComponent
            let temporary = (folder.isEmpty ? "" : folder + "/") + "." + (target as NSString).lastPathComponent
                + ".diglot-new-\(ProcessInfo.processInfo.processIdentifier)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
            var why = OutputDisk.writeAll(fd, bytes)
            if why == nil, kind == S_IFREG {
                _ = fchown(fd, info.st_uid, info.st_gid)
                _ = fchmod(fd, info.st_mode & 0o7777)
            }
            if why == nil, fsync(fd) != 0 { why = String(cString: strerror(errno)) }
            close(fd)
            if why == nil, rename(temporary, target) != 0 { why = String(cString: strerror(errno)) }
            if let why {
                unlink(temporary)
                throw failure(why)
            }
        }
    }
}
