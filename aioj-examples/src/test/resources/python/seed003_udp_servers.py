# Seed 003's __main__ for the UDP servers. Usage: seed003_udp_servers.py TIME_PORT ECHO_PORT
import sys
from seed003_reactor import *

if __name__ == '__main__':
    handlers = [ UDPTimeServer(('127.0.0.1',int(sys.argv[1]))), UDPEchoServer(('127.0.0.1',int(sys.argv[2])))  ]
    print('ports', port_of(handlers[0]), port_of(handlers[1]), flush=True)
    event_loop(handlers)
