#!/usr/bin/env python
# The receiving side of seed 002's hello world (RabbitMQ's tutorial receive.py
# on pika 1.x), with the broker's port (argv[1]) and a message count (argv[2])
# after which it stops consuming, so a test can run it to its end.
import sys
import pika

count = int(sys.argv[2])
connection = pika.BlockingConnection(pika.ConnectionParameters(
               'localhost', int(sys.argv[1])))
channel = connection.channel()

channel.queue_declare(queue='hello')

received = 0


def callback(ch, method, properties, body):
    global received
    print(" [x] Received %r" % body.decode())
    received += 1
    if received == count:
        ch.stop_consuming()


channel.basic_consume(queue='hello', on_message_callback=callback, auto_ack=True)

print(' [*] Waiting for messages. To exit press CTRL+C')
channel.start_consuming()
connection.close()
