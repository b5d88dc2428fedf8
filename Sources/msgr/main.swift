print("msgr")
