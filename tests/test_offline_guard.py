import socket

import pytest

from tests.conftest import _attempts


def test_guard_refuses_a_public_address_and_records_it():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(ConnectionRefusedError):
        s.connect(("93.184.216.34", 80))
    s.close()
    assert _attempts and "93.184.216.34" in _attempts[-1]
    _attempts.clear()  # the attempt was the point of this test


def test_guard_allows_loopback():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    c = socket.create_connection(srv.getsockname(), timeout=2)
    c.close()
    srv.close()
