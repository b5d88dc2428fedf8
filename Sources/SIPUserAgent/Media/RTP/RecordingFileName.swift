import Foundation

/// Names a call's recording `<UTC time>-<call id>.wav` with nothing in it
/// that a shell or a file system could misread: the Call-ID comes from the
/// network.
enum RecordingFileName {
    static let maximumCallIDLength = 64

    static func name(callID: String, at date: Date, attempt: Int = 1) -> String {
        var safe = String(callID.unicodeScalars.prefix(maximumCallIDLength).map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "_"
        })
        if safe.isEmpty { safe = "call" }
        let suffix = attempt > 1 ? "-\(attempt)" : ""
        return "\(timestamp(date))-\(safe)\(suffix).wav"
    }

    /// `20250131T235959Z`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T"
            + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }

    /// Creates a new recorder in `folder` (made 0700 if missing), adding
    /// `-2`, `-3`, … when two calls share a Call-ID and a second — as both
    /// legs of a call in one process do.
    static func makeRecorder(in folder: URL, callID: String, now: Date = Date()) throws -> WAVRecorder {
        try PrivateFile.createFolder(folder)
        var attempt = 1
        while true {
            let url = folder.appendingPathComponent(name(callID: callID, at: now, attempt: attempt))
            let result = Result { () throws(WAVError) in try WAVRecorder(url: url, exclusive: true) }
            if case .failure(let error) = result, error.code == .fileExists, attempt < 100 {
                attempt += 1
                continue
            }
            return try result.get()
        }
    }
}
