# Seed 003's __main__ for the Fibonacci server. Usage: seed003_fib_server.py PORT
import sys
import seed003_reactor
from seed003_reactor import *

if __name__ == '__main__':
    pool = ThreadPoolHandler(16)
    seed003_reactor.pool = pool   # UDPFibServer reads the module-level name `pool`, as in the seed
    handlers = [ pool, UDPFibServer(('127.0.0.1',int(sys.argv[1])))]
    print('ports', port_of(handlers[1]), flush=True)
    event_loop(handlers)
