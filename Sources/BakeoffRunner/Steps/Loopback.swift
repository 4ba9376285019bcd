import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Plain sockets on 127.0.0.1: a free port, an HTTP/1.0 GET, whether a port still listens.
enum Loopback {
    /// A port the kernel just handed out on 127.0.0.1 (free unless someone takes it in between).
    static func freePort() -> UInt16? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return named == 0 ? UInt16(bigEndian: address.sin_port) : nil
    }

    /// The HTTP status of `GET path` on 127.0.0.1:port, nil when nothing answers within `timeout`.
    static func status(port: UInt16, path: String, timeout: Double = 1) -> Int? {
        guard let fd = connect(port: port, timeout: timeout) else { return nil }
        defer { close(fd) }
        let request = "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        let sent = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        guard sent > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        var count = 0
        while count < 16 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + count, 64 - count, 0) }
            if n <= 0 { break }
            count += n
        }
        // "HTTP/1.x 200 ..."
        let head = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ")
        guard head.count >= 2, head[0].hasPrefix("HTTP/") else { return nil }
        return Int(head[1])
    }

    /// True when something accepts connections on 127.0.0.1:port.
    static func isListening(port: UInt16) -> Bool {
        guard let fd = connect(port: port, timeout: 0.5) else { return false }
        close(fd)
        return true
    }

    private static func connect(port: UInt16, timeout: Double) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
