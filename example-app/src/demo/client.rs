//! A minimal HTTP/1.1 client, enough for the demo to talk to its own server over real TCP
//! without pulling an HTTP client library into the binary.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response: the status code and the body parsed as JSON (`Null` for an empty body).
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: serde_json::Value,
}

/// Sends one request (`Connection: close`) and reads the whole response.
pub(crate) async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> io::Result<Reply> {
    request_as(addr, None, method, path, body).await
}

/// Sends one request with `Authorization: Bearer <token>` when a token is given.
pub(crate) async fn request_as(
    addr: SocketAddr,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> io::Result<Reply> {
    let body = body.map(serde_json::Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).await?;
    let authorization = token.map(|token| format!("Authorization: Bearer {token}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         {authorization}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    parse(&response)
}

/// Parses a response with a `Content-Length` body (what the server sends for JSON).
fn parse(response: &[u8]) -> io::Result<Reply> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("malformed response: {what}"));
    let split = response.windows(4).position(|window| window == b"\r\n\r\n").ok_or_else(|| invalid("no header end"))?;
    let head = std::str::from_utf8(&response[..split]).map_err(|_| invalid("header is not UTF-8"))?;
    let status =
        head.split_whitespace().nth(1).and_then(|code| code.parse().ok()).ok_or_else(|| invalid("no status code"))?;
    let body = &response[split + 4..];
    let body = if body.is_empty() { serde_json::Value::Null } else { serde_json::from_slice(body)? };
    Ok(Reply { status, body })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_status_and_json_body() {
        let reply = parse(b"HTTP/1.1 201 Created\r\ncontent-length: 8\r\n\r\n{\"a\": 1}").unwrap();
        assert_eq!(reply.status, 201);
        assert_eq!(reply.body["a"], 1);
        assert!(parse(b"garbage").is_err());
    }
}
