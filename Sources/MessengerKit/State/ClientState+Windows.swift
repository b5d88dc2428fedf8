/// `IMessengerWindow` (§3.13): geometry, `Show`, `Close`, `IsClosed`, `HWND`.
extension ClientState {
    enum Edge: Sendable {
        case left, top, width, height
    }

    /// A window object whose window still exists (E_FAIL otherwise: closed to
    /// the tray for the main window, destroyed for the others — C44).
    func openWindow(_ id: Int) throws(MessengerError) -> WindowRecord {
        guard let window = windows[id] else { throw MessengerError(.E_FAIL, "no such window") }
        guard !window.isClosed else {
            throw MessengerError(.E_FAIL, window.kind == .main ? "the window is closed to the tray" : "the window is closed")
        }
        return window
    }

    func hwnd(of id: Int) throws(MessengerError) -> Int32 {
        Int32(truncatingIfNeeded: try openWindow(id).id)
    }

    func geometry(of id: Int, _ edge: Edge) throws(MessengerError) -> Int32 {
        let window = try openWindow(id)
        switch edge {
        case .left: return window.isMinimized ? WindowRecord.minimizedCoordinate : window.frame.left
        case .top: return window.isMinimized ? WindowRecord.minimizedCoordinate : window.frame.top
        case .width: return window.frame.width
        case .height: return window.frame.height
        }
    }

    /// `put_Left/Top/Width/Height`. Sizes must be positive (E_INVALIDARG,
    /// checked before the window's state, §9 order); positions are not bounded,
    /// except that a window keeps at least half its width on screen (§3.13 Left).
    mutating func setGeometry(of id: Int, _ edge: Edge, to value: Int32) throws(MessengerError) {
        if edge == .width || edge == .height, value <= 0 {
            throw MessengerError(.E_INVALIDARG, "\(edge) must be positive, not \(value)")
        }
        var window = try openWindow(id)
        switch edge {
        case .left: window.frame.left = max(value, -(window.frame.width / 2))
        case .top: window.frame.top = value
        case .width: window.frame.width = value
        case .height: window.frame.height = value
        }
        windows[id] = window
    }

    /// `Show`: restores a minimized window, brings the main window back from the tray.
    mutating func show(_ id: Int) throws(MessengerError) {
        guard var window = windows[id] else { throw MessengerError(.E_FAIL, "no such window") }
        if window.isClosed {
            guard window.kind == .main else { throw MessengerError(.E_FAIL, "the window was destroyed") }
            window.isClosed = false
        }
        window.isMinimized = false
        windows[id] = window
        bringToFront(id)
    }

    /// Restores a window and puts it above every other: `Show`, and the
    /// launchers when they reuse an open window.
    mutating func bringToFront(_ id: Int) {
        guard windows[id] != nil else { return }
        topZ += 1
        windows[id]?.z = topZ
        windows[id]?.isMinimized = false
    }

    /// Minimizes a window (the UI's button; no API member does this).
    mutating func minimize(_ id: Int) throws(MessengerError) {
        var window = try openWindow(id)
        window.isMinimized = true
        windows[id] = window
    }

    /// `Close`: S_FALSE when already closed. The main window goes to the tray
    /// and its object stays valid; every other window is destroyed and its
    /// session ends (a conversation raises `OnIMWindowDestroyed`).
    mutating func close(_ id: Int) -> MessengerSuccess<Void> {
        guard var window = windows[id], !window.isClosed else { return .sFalse }
        window.isClosed = true
        window.isMinimized = false
        windows[id] = window
        switch window.kind {
        case .main:
            break
        case .conversation:
            emit(.imWindowDestroyed(windowID: id))
        case .phone:
            // Closing the dialog hangs up (the OC sample asks first; an API caller has decided).
            endCallLocally(in: id)
            if phoneWindowID == id { phoneWindowID = nil }
        case .page:
            break
        }
        return .ok
    }

    /// `IsClosed`: TRUE for the main window in the tray and for destroyed windows.
    func isClosed(_ id: Int) -> Bool {
        windows[id]?.isClosed ?? true
    }

    /// R6: sign-out closes every window except the main one.
    mutating func closeAllWindowsAtSignout() {
        for id in windows.keys.sorted() where id != mainWindowID {
            _ = close(id)
        }
    }

    /// Opens a new window with a fresh id, cascaded from the last one.
    mutating func openNewWindow(kind: WindowRecord.Kind, title: String) -> Int {
        let id = nextWindowID
        nextWindowID += 1
        var frame: WindowFrame = kind == .conversation ? .conversation : .dialog
        let cascade = Int32((id % 8) * 24)
        frame.left += cascade
        frame.top += cascade
        windows[id] = WindowRecord(id: id, kind: kind, title: title, frame: frame)
        bringToFront(id)
        return id
    }

    /// Windows that are still open, in the order they were opened.
    var openWindowIDs: [Int] {
        windows.values.filter { !$0.isClosed || $0.kind == .main }.map(\.id).sorted()
    }
}
