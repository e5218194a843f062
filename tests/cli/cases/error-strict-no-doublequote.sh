# With --no-doublequote, "" inside quotes is text after a closing quote, which --strict rejects.
"$SLUICE" count --strict --escape '\' nodq.csv
"$SLUICE" count --strict --no-doublequote --escape '\' nodq.csv
