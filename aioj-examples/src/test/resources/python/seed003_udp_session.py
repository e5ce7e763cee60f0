# Seed 003's interactive session, as a script. Usage: seed003_udp_session.py TIME_PORT ECHO_PORT
import sys
from socket import *
s = socket(AF_INET, SOCK_DGRAM)
s.settimeout(10)
print(s.sendto(b'',('127.0.0.1',int(sys.argv[1]))))
print(s.recvfrom(128))
print(s.sendto(b'Hello',('127.0.0.1',int(sys.argv[2]))))
print(s.recvfrom(128))
