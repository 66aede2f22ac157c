import Glibc

/// The bits of an inotify event mask (`IN_*` from `<sys/inotify.h>`), printed by their C names.
package struct InotifyEventMask: OptionSet, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IN_CLOSE_WRITE`: a file opened for writing was closed; an in-place writer may not be done.
    package static let closeWrite = InotifyEventMask(rawValue: UInt32(IN_CLOSE_WRITE))
    /// `IN_CREATE`: a name was created (a FIFO, link or folder made in place gives no other event).
    package static let create = InotifyEventMask(rawValue: UInt32(IN_CREATE))
    /// `IN_MOVED_TO`: a name was renamed into the directory, complete by construction.
    package static let movedTo = InotifyEventMask(rawValue: UInt32(IN_MOVED_TO))
    /// `IN_DELETE_SELF`: the watched directory itself was deleted.
    package static let deleteSelf = InotifyEventMask(rawValue: UInt32(IN_DELETE_SELF))
    /// `IN_MOVE_SELF`: the watched directory itself was renamed.
    package static let moveSelf = InotifyEventMask(rawValue: UInt32(IN_MOVE_SELF))
    /// `IN_UNMOUNT`: the file system holding the directory was unmounted.
    package static let unmount = InotifyEventMask(rawValue: UInt32(IN_UNMOUNT))
    /// `IN_Q_OVERFLOW`: the kernel's event queue overflowed; events were lost.
    package static let queueOverflow = InotifyEventMask(rawValue: UInt32(IN_Q_OVERFLOW))
    /// `IN_IGNORED`: the watch was removed (after any of the *self* events, or explicitly).
    package static let ignored = InotifyEventMask(rawValue: UInt32(IN_IGNORED))
    /// `IN_ISDIR`: the subject of the event is a directory.
    package static let isDirectory = InotifyEventMask(rawValue: UInt32(bitPattern: IN_ISDIR))
    /// `IN_ONLYDIR` (watch flag): refuse to watch anything but a directory.
    package static let onlyDirectory = InotifyEventMask(rawValue: UInt32(IN_ONLYDIR))
    /// `IN_DONT_FOLLOW` (watch flag): do not follow a symbolic link to the directory.
    package static let dontFollow = InotifyEventMask(rawValue: UInt32(IN_DONT_FOLLOW))

    /// What the inbox watch asks for: finished files, things made in place, and its own loss.
    package static let inbox: InotifyEventMask = [.closeWrite, .movedTo, .create, .deleteSelf, .moveSelf, .onlyDirectory, .dontFollow]

    /// Events after which the watch no longer sees the inbox: the daemon must not go on blind.
    package static let watchLost: InotifyEventMask = [.deleteSelf, .moveSelf, .unmount, .ignored]

    private static let names: [(InotifyEventMask, String)] = [
        (.closeWrite, "IN_CLOSE_WRITE"), (.create, "IN_CREATE"), (.movedTo, "IN_MOVED_TO"), (.deleteSelf, "IN_DELETE_SELF"),
        (.moveSelf, "IN_MOVE_SELF"), (.unmount, "IN_UNMOUNT"), (.queueOverflow, "IN_Q_OVERFLOW"),
        (.ignored, "IN_IGNORED"), (.isDirectory, "IN_ISDIR"), (.onlyDirectory, "IN_ONLYDIR"),
        (.dontFollow, "IN_DONT_FOLLOW"),
    ]

    /// E.g. `IN_MOVED_TO|IN_ISDIR`; unknown bits in hex.
    package var description: String { FlagNames.describe(self, names: Self.names) }
}

/// One inotify event: what happened, to which name in the watched directory.
package struct InotifyEvent: Hashable, Sendable, CustomStringConvertible {
    package var mask: InotifyEventMask
    /// Pairs `IN_MOVED_FROM` with `IN_MOVED_TO` of the same rename (unused by the inbox).
    package var cookie: UInt32
    /// The entry's name as raw bytes; empty for events about the directory itself.
    package var name: FileName

    package init(mask: InotifyEventMask, cookie: UInt32 = 0, name: FileName) {
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    package var description: String { name.bytes.isEmpty ? "\(mask)" : "\(mask) \(name.shown)" }

    /// Parses every complete `struct inotify_event` in `buffer`; the name follows the fixed header
    /// (`MemoryLayout<inotify_event>.size` bytes), NUL-padded.
    static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
        let header = MemoryLayout<inotify_event>.size
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + header <= buffer.count {
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            guard offset + header + length <= buffer.count else { break }
            let name = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
            events.append(InotifyEvent(mask: InotifyEventMask(rawValue: mask), cookie: cookie, name: FileName(Array(name))))
            offset += header + length
        }
        return events
    }
}
