import Foundation
import Logging

extension RTPAudioSession {
    /// Media for the user agent: every call gets its own session sending
    /// `source`; with `recordingsFolder`, each call's received audio goes
    /// to `<folder>/<UTC time>-<call id>.wav` (folder 0700, files 0600).
    public static func factory(host: String = "127.0.0.1", source: AudioSource, recordingsFolder: URL?,
                               logger: Logger = Logger(label: "sip.media")) -> CallMediaFactory {
        { callID in
            var callLogger = logger
            callLogger[metadataKey: "sip.call_id"] = "\(callID)"
            return try await open(host: host, source: source, logger: callLogger) {
                try recordingsFolder.map { try RecordingFileName.makeRecorder(in: $0, callID: callID) }
            }
        }
    }
}
