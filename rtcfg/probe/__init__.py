"""Asking the server itself: `rtcfg validate --live` sends each valid GA Realtime profile as
a `POST {base}/realtime/client_secrets` body and reads the verdict. Minting a client secret
opens no audio and starts no session; the secret the server mints is dropped unread.

The HTTP client is the standard library's (`http.client`), imported only here: no
redirects are followed (the key would go with them), TLS is verified, every request has a
timeout, and 429/5xx answers are retried a bounded number of times, honouring Retry-After.
"""
