# Seed 000's tcp_echo_client, as printed (without the removed loop= argument).
# Usage: seed000_tcp_echo_client.py PORT
import asyncio
import sys

async def tcp_echo_client(message, port):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    print('Send: %r' % message)
    writer.write(message.encode())
    data = await reader.read(100)
    print('Received: %r' % data.decode())
    print('Close the socket')
    writer.close()

message = 'Hello World!'
asyncio.run(tcp_echo_client(message, int(sys.argv[1])))
