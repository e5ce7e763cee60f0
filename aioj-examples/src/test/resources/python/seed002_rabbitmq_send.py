#!/usr/bin/env python
# Seed 002's RabbitMQ send script, as printed, with the broker's port from the
# command line (argv[1]) so a test can point it at its own RabbitMQ.
import sys
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(
               'localhost', int(sys.argv[1])))
channel = connection.channel()

#声明queue
channel.queue_declare(queue='hello')

#n RabbitMQ a message can never be sent directly to the queue, it always needs to go through an exchange.
channel.basic_publish(exchange='',
                      routing_key='hello',
                      body='Hello World!')
print(" [x] Sent 'Hello World!'")
connection.close()
