# teaching: a Python program given as the scenario
import threading
print('hello')
