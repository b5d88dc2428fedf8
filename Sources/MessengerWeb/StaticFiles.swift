import Foundation

/// The page's files, shipped as the target's resources (`Resources/web`).
struct StaticFiles: Sendable {
    let folder: URL?

    static let bundled = StaticFiles(folder: Bundle.module.url(forResource: "web", withExtension: nil))

    /// The file's bytes and content type; nil when there is no such file.
    /// `name` is a single checked path component (`WebAccessPolicy`).
    func file(named name: String) -> (data: Data, contentType: String)? {
        guard let url = folder?.appendingPathComponent(name), let data = try? Data(contentsOf: url) else { return nil }
        return (data, Self.contentType(ofExtension: url.pathExtension))
    }

    static func contentType(ofExtension pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json": "application/json"
        case "woff2": "font/woff2"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
