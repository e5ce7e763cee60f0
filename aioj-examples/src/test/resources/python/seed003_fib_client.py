# Seed 003's Fibonacci client. Usage: seed003_fib_client.py PORT COUNT (the seed: range(40))
import sys
from socket import *
sock = socket(AF_INET, SOCK_DGRAM)
sock.settimeout(70)
for x in range(int(sys.argv[2])):
    sock.sendto(str(x).encode('ascii'), ('127.0.0.1', int(sys.argv[1])))
    resp = sock.recvfrom(8192)
    print(resp[0])
